'use client';
// The live weight of a weighbridge whose indicator is cabled to this PC, read through Web Serial
// (lib/weighbridge/web-serial.ts) in the same shape as the server's readings stream, so the weigh form
// treats both alike. The port is found again by itself once chosen; the first time, the clerk picks it
// ("Connect the indicator": the browser asks, and remembers the permission).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReaderConfig } from '@/lib/weighbridge/schema';
import { rememberedPort, rememberPort, SerialIndicatorReader, webSerial, type SerialMessage } from '@/lib/weighbridge/web-serial';
import type { LiveStatus } from './use-live-weight';

export type SerialReaderConfig = Pick<ReaderConfig, 'id' | 'format' | 'template' | 'unit' | 'divisionKg' | 'serial'>;

export interface SerialWeight {
  status: LiveStatus;
  /** The browser cannot read serial ports (not Chrome or Edge, or not over https). */
  unsupported: boolean;
  /** No port chosen yet on this PC: the clerk presses "Connect the indicator" once. */
  needsChoice: boolean;
  connect: () => Promise<void>;
}

function toStatus(bridgeId: string, m: SerialMessage): LiveStatus {
  if (m.status === 'connecting') return { kind: 'connecting' };
  if (m.status === 'disconnected' || m.status === 'failed') return { kind: 'refused', error: m.problem ?? 'The indicator cannot be read.' };
  if (m.problem && !m.live) return { kind: 'refused', error: m.problem };
  return { kind: 'live', message: { weighbridgeId: bridgeId, status: 'connected', live: m.live } };
}

export function useSerialWeight(config: SerialReaderConfig | null): SerialWeight {
  const [status, setStatus] = useState<LiveStatus>({ kind: 'connecting' });
  const [needsChoice, setNeedsChoice] = useState(false);
  const [unsupported, setUnsupported] = useState(false);
  const reader = useRef<SerialIndicatorReader | null>(null);
  const key = config ? JSON.stringify(config) : null;

  const startOn = useCallback(
    async (port: Parameters<SerialIndicatorReader['start']>[0]) => {
      const serial = webSerial();
      if (!serial || !config) return;
      await reader.current?.stop();
      const r = new SerialIndicatorReader(serial, config, (m) => setStatus(toStatus(config.id, m)));
      reader.current = r;
      setNeedsChoice(false);
      await r.start(port);
    },
    // The config is compared by value (key).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    if (!config) return;
    const serial = webSerial();
    if (!serial) {
      setUnsupported(true);
      setStatus({ kind: 'refused', error: 'This browser cannot read the indicator’s cable: use Chrome or Edge, or type the weight.' });
      return;
    }
    let cancelled = false;
    void rememberedPort(serial, config.id).then((port) => {
      if (cancelled) return;
      if (port) void startOn(port);
      else {
        setNeedsChoice(true);
        setStatus({ kind: 'refused', error: 'Connect the indicator to read its weight on this PC.' });
      }
    });
    return () => {
      cancelled = true;
      void reader.current?.stop();
      reader.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const connect = useCallback(async () => {
    const serial = webSerial();
    if (!serial || !config) return;
    try {
      const port = await serial.requestPort();
      rememberPort(config.id, port);
      await startOn(port);
    } catch {
      // The clerk closed the browser's chooser without picking a port: nothing changes.
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, startOn]);

  return { status, unsupported, needsChoice, connect };
}
