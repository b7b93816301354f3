// One TCP connection to a network indicator (or an RS-232-to-Ethernet converter, which often takes one
// client at a time). It reconnects with back-off whenever the indicator drops, refuses, or goes silent,
// and hands every chunk of bytes to its owner; framing and parsing happen above it.
import net from 'node:net';

export type TcpReaderState = 'connecting' | 'connected' | 'waiting';

export interface TcpReaderOptions {
  host: string;
  port: number;
  onData: (chunk: Uint8Array) => void;
  onState?: (state: TcpReaderState, detail?: string) => void;
  /** First retry delay (ms); doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** No bytes for this long on an open connection: drop it and reconnect (indicators stream continuously). */
  silenceMs?: number;
  connectTimeoutMs?: number;
}

export class TcpIndicatorReader {
  private socket: net.Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private backoff: number;
  private stopped = false;
  state: TcpReaderState = 'waiting';
  connections = 0;

  constructor(private readonly opts: TcpReaderOptions) {
    this.backoff = opts.initialBackoffMs ?? 500;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.destroy();
    this.socket = null;
  }

  private setState(state: TcpReaderState, detail?: string) {
    this.state = state;
    this.opts.onState?.(state, detail);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState('connecting');
    const socket = net.createConnection({ host: this.opts.host, port: this.opts.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(this.opts.connectTimeoutMs ?? 5000);
    socket.on('connect', () => {
      this.connections++;
      this.setState('connected');
      socket.setTimeout(this.opts.silenceMs ?? 5000);
    });
    socket.on('data', (chunk: Buffer) => {
      this.backoff = this.opts.initialBackoffMs ?? 500; // a live stream resets the back-off
      this.opts.onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on('timeout', () => socket.destroy(new Error('no data from the indicator')));
    socket.on('error', () => undefined); // 'close' follows and schedules the retry
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.retry();
    });
  }

  private retry(): void {
    if (this.stopped) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs ?? 10_000);
    this.setState('waiting', `retrying in ${delay} ms`);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }
}
