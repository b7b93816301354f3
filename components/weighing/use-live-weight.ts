'use client';
// The live weight of one weighbridge, from the server's readings stream (server-sent events): the
// same reading "Take weight" records on the server.
import { useEffect, useState } from 'react';
import type { HubMessage } from '@/lib/weighbridge/hub';

export type LiveStatus = { kind: 'connecting' } | { kind: 'live'; message: HubMessage } | { kind: 'lost' } | { kind: 'refused'; error: string };

export function useLiveWeight(weighbridgeId: string | null): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>({ kind: 'connecting' });
  useEffect(() => {
    if (!weighbridgeId) return;
    setStatus({ kind: 'connecting' });
    const source = new EventSource(`/api/weighbridges/${weighbridgeId}/readings`);
    source.onmessage = (event) => {
      try {
        setStatus({ kind: 'live', message: JSON.parse(event.data as string) as HubMessage });
      } catch {
        // A garbled event is skipped; the next one follows within a second.
      }
    };
    source.addEventListener('refused', (event) => {
      const data = JSON.parse((event as MessageEvent).data as string) as { error: string };
      setStatus({ kind: 'refused', error: data.error });
      source.close();
    });
    source.onerror = () => setStatus((s) => (s.kind === 'refused' ? s : { kind: 'lost' }));
    return () => source.close();
  }, [weighbridgeId]);
  return status;
}
