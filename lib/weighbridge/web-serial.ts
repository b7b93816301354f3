// Reading an indicator through Web Serial (Chrome and Edge, which gatehouse PCs run), for a weighbridge
// whose connection is 'web-serial': the indicator's RS-232 cable (often through a USB adapter) is on the
// clerk's own PC, so the browser reads it. The bytes go through the same framer, parser and stability
// judge as the server's TCP reader and the site agent (framing.ts, formats.ts, stability.ts), so the
// page cannot tell the paths apart. The browser asks the clerk to pick the port once per weighbridge;
// the permission is remembered by the browser and the choice by this PC, so later pages reconnect on
// their own, and a cable pulled out and put back is read again without a click.
//
// Browser-only and pure of server imports. The weight the clerk takes is checked again on the server
// from its raw frame (taken-reading.ts): a page cannot make up a weight the indicator did not send.
import { frameReaderFor } from './formats';
import type { ReaderConfig } from './schema';
import { StabilityJudge, type LiveWeight } from './stability';

/** The parts of the Web Serial API used here (lib.dom has no types for it yet). */
export interface SerialPortLike {
  open(options: { baudRate: number; dataBits?: number; stopBits?: number; parity?: 'none' | 'even' | 'odd'; bufferSize?: number }): Promise<void>;
  close(): Promise<void>;
  readonly readable: ReadableStream<Uint8Array> | null;
  getInfo?(): { usbVendorId?: number; usbProductId?: number };
}
export interface SerialLike {
  getPorts(): Promise<SerialPortLike[]>;
  requestPort(options?: { filters?: { usbVendorId?: number; usbProductId?: number }[] }): Promise<SerialPortLike>;
  addEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void;
}

export type SerialStatus = 'unsupported' | 'not-connected' | 'connecting' | 'reading' | 'disconnected' | 'failed';

export interface SerialMessage {
  status: SerialStatus;
  live: LiveWeight | null;
  /** What went wrong, in words a clerk can act on. */
  problem?: string;
}

/** The browser's Web Serial, or null where there is none (Firefox, Safari, an insecure origin). */
export function webSerial(nav: unknown = typeof navigator === 'undefined' ? undefined : navigator): SerialLike | null {
  const serial = (nav as { serial?: SerialLike } | undefined)?.serial;
  return serial && typeof serial.getPorts === 'function' && typeof serial.requestPort === 'function' ? serial : null;
}

type PortInfo = { usbVendorId?: number; usbProductId?: number };
const storageKey = (weighbridgeId: string) => `weighbook.serial-port.${weighbridgeId}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Remembers on this PC which port a weighbridge's indicator is on (its USB ids; nothing personal). */
export function rememberPort(weighbridgeId: string, port: SerialPortLike): void {
  storage()?.setItem(storageKey(weighbridgeId), JSON.stringify(port.getInfo?.() ?? {}));
}

const sameInfo = (a: PortInfo, b: PortInfo) => a.usbVendorId === b.usbVendorId && a.usbProductId === b.usbProductId;

/**
 * The port this PC used for the weighbridge before, among those the browser already allows: the one
 * with the same USB ids, or the only one allowed. Null when the clerk has to choose (one click).
 */
export async function rememberedPort(serial: SerialLike, weighbridgeId: string): Promise<SerialPortLike | null> {
  const ports = await serial.getPorts();
  const stored = storage()?.getItem(storageKey(weighbridgeId));
  if (stored) {
    let info: PortInfo = {};
    try {
      info = JSON.parse(stored) as PortInfo;
    } catch {
      // not ours: choose again
    }
    const match = ports.find((p) => sameInfo(p.getInfo?.() ?? {}, info));
    if (match) return match;
  }
  return ports.length === 1 ? ports[0]! : null;
}

/** How long an open port may send nothing before the clerk is told the indicator has gone quiet. */
const QUIET_MS = 3000;

/**
 * One indicator on one serial port: opens it with the weighbridge's settings, reads until stopped,
 * and says what it reads (status and the judged live weight) to `onMessage`. A read that fails (the
 * cable pulled out) reports 'disconnected' and waits for the port to come back, then reads again.
 */
export class SerialIndicatorReader {
  private port: SerialPortLike | null = null;
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private stopped = false;
  private lastFrameAt = 0;
  private quietTimer: ReturnType<typeof setInterval> | null = null;
  private readonly onConnect = (event: Event) => {
    const target: unknown = event.target;
    if (this.port && !this.reader && !this.stopped && (target === this.port || target === null || target === undefined)) void this.open();
  };

  constructor(
    private readonly serial: SerialLike,
    private readonly config: Pick<ReaderConfig, 'format' | 'template' | 'unit' | 'divisionKg' | 'serial'>,
    private readonly onMessage: (message: SerialMessage) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Starts reading `port` (chosen by the clerk, or remembered). */
  async start(port: SerialPortLike): Promise<void> {
    this.stopped = false;
    this.port = port;
    this.serial.addEventListener('connect', this.onConnect);
    this.quietTimer = setInterval(() => {
      if (this.reader && this.lastFrameAt > 0 && this.now() - this.lastFrameAt > QUIET_MS) {
        this.onMessage({ status: 'reading', live: null, problem: 'The indicator has stopped sending. Check it is switched on.' });
      }
    }, 1000);
    await this.open();
  }

  private async open(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.onMessage({ status: 'connecting', live: null });
    const s = this.config.serial;
    try {
      await port.open({ baudRate: s.baudRate, dataBits: s.dataBits, stopBits: s.stopBits, parity: s.parity, bufferSize: 4096 });
    } catch (error) {
      // Already open (this page opened it before a reload of the component) is fine; anything else is not.
      if (!(error instanceof Error && error.name === 'InvalidStateError')) {
        this.onMessage({ status: 'failed', live: null, problem: openProblem(error) });
        return;
      }
    }
    void this.readLoop(port);
  }

  private async readLoop(port: SerialPortLike): Promise<void> {
    const frames = frameReaderFor(this.config.format, this.config.template ?? undefined);
    const judge = new StabilityJudge({ unit: this.config.unit, divisionKg: this.config.divisionKg ?? undefined });
    if (!port.readable) {
      this.onMessage({ status: 'disconnected', live: null, problem: 'The indicator’s port cannot be read. Check the cable.' });
      return;
    }
    this.reader = port.readable.getReader();
    this.onMessage({ status: 'reading', live: null });
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done || this.stopped) break;
        if (!value) continue;
        for (const result of frames.push(value)) {
          if (!result.ok) continue;
          this.lastFrameAt = this.now();
          this.onMessage({ status: 'reading', live: judge.judge(result.reading, this.lastFrameAt) });
        }
      }
    } catch {
      // A read error: the cable was pulled out or the adapter reset. Wait for 'connect'.
    } finally {
      try {
        this.reader.releaseLock();
      } catch {
        // already released
      }
      this.reader = null;
    }
    if (this.stopped) return;
    await port.close().catch(() => undefined);
    this.onMessage({ status: 'disconnected', live: null, problem: 'The indicator was disconnected. Plug its cable back in: reading starts again by itself.' });
  }

  /** Stops reading and closes the port (leaving the page, or choosing another port). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.serial.removeEventListener('connect', this.onConnect);
    if (this.quietTimer) clearInterval(this.quietTimer);
    this.quietTimer = null;
    const reader = this.reader;
    if (reader) await reader.cancel().catch(() => undefined);
    await this.port?.close().catch(() => undefined);
    this.port = null;
  }
}

function openProblem(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NetworkError') return 'The port is in use by another program or another tab. Close it there, then connect again.';
  if (name === 'NotFoundError') return 'The indicator’s port is not there any more. Check the cable, then connect again.';
  return 'The indicator’s port could not be opened. Check the cable and the port settings, then connect again.';
}
