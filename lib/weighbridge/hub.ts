// The readings hub: one channel per weighbridge in this server process. A network indicator's channel
// holds the one TCP connection (opened on first use, kept, reconnecting by itself); an agent's channel
// is fed by the agent's pushes. Every clerk's page subscribes through the SSE route and sees the same
// readings whichever way they came. The latest judged reading is also what "Take weight" records, so
// the weight saved is the server's, not the browser's.
import 'server-only';
import { FrameReader } from './framing';
import { decoderFor } from './formats';
import type { ReaderConfig } from './schema';
import { StabilityJudge, type LiveWeight } from './stability';
import { TcpIndicatorReader, type TcpReaderState } from './tcp-reader';

export type ChannelStatus = TcpReaderState | 'agent' | 'agent-silent' | 'idle';

export interface HubMessage {
  weighbridgeId: string;
  status: ChannelStatus;
  live: LiveWeight | null;
}

/** Bounds: SSE connections in all, and per weighbridge. */
export const MAX_SUBSCRIBERS = 200;
export const MAX_SUBSCRIBERS_PER_WEIGHBRIDGE = 40;
/** A reading older than this is not a live weight. */
export const FRESH_MS = 2000;

interface Channel {
  key: string;
  config: ReaderConfig;
  reader: FrameReader;
  judge: StabilityJudge;
  latest: LiveWeight | null;
  status: ChannelStatus;
  subscribers: Set<(m: HubMessage) => void>;
  tcp: TcpIndicatorReader | null;
}

const globalHub = globalThis as unknown as { weighbookHub?: Map<string, Channel> };
function channels(): Map<string, Channel> {
  globalHub.weighbookHub ??= new Map();
  return globalHub.weighbookHub;
}

function keyOf(c: ReaderConfig): string {
  return JSON.stringify([c.connection, c.host, c.port, c.format, c.template, c.unit, c.divisionKg]);
}

function publish(ch: Channel) {
  const msg: HubMessage = { weighbridgeId: ch.config.id, status: ch.status, live: ch.latest };
  for (const s of ch.subscribers) s(msg);
}

function feed(ch: Channel, chunk: Uint8Array, now = Date.now()) {
  let last: LiveWeight | null = null;
  for (const r of ch.reader.push(chunk)) if (r.ok) last = ch.judge.judge(r.reading, now);
  if (last) {
    ch.latest = last;
    publish(ch);
  }
}

/** The channel for a weighbridge, created or (when its settings changed) rebuilt. */
export function channelFor(config: ReaderConfig): Channel {
  const map = channels();
  const key = keyOf(config);
  let ch = map.get(config.id);
  if (ch && ch.key === key) return ch;
  const subscribers = ch?.subscribers ?? new Set();
  ch?.tcp?.stop();
  ch = {
    key,
    config,
    reader: new FrameReader(decoderFor(config.format, config.template ?? undefined)),
    judge: new StabilityJudge({ unit: config.unit, divisionKg: config.divisionKg ?? undefined }),
    latest: null,
    status: 'idle',
    subscribers,
    tcp: null,
  };
  map.set(config.id, ch);
  if (config.connection === 'tcp' && config.host && config.port) {
    const channel = ch;
    channel.tcp = new TcpIndicatorReader({
      host: config.host,
      port: config.port,
      onData: (chunk) => feed(channel, chunk),
      onState: (state) => {
        channel.status = state;
        if (state !== 'connected') channel.latest = null;
        publish(channel);
      },
    });
    channel.tcp.start();
  }
  return ch;
}

export class TooManyListenersError extends Error {}

/** Subscribe a page to a weighbridge's readings; returns the unsubscribe function. */
export function subscribe(config: ReaderConfig, listener: (m: HubMessage) => void): () => void {
  let total = 0;
  for (const c of channels().values()) total += c.subscribers.size;
  const ch = channelFor(config);
  if (total >= MAX_SUBSCRIBERS || ch.subscribers.size >= MAX_SUBSCRIBERS_PER_WEIGHBRIDGE) throw new TooManyListenersError('Too many open live-weight pages');
  ch.subscribers.add(listener);
  listener({ weighbridgeId: config.id, status: ch.status, live: fresh(ch.latest) });
  return () => ch.subscribers.delete(listener);
}

/** Bytes pushed by a site agent. */
export function pushAgentBytes(config: ReaderConfig, chunks: Uint8Array[]): void {
  const ch = channelFor(config);
  ch.status = 'agent';
  for (const c of chunks) feed(ch, c);
}

function fresh(live: LiveWeight | null, now = Date.now()): LiveWeight | null {
  return live && now - live.at <= FRESH_MS ? live : null;
}

/** The latest reading if it is fresh, for "Take weight" on the server. */
export function latestReading(config: ReaderConfig): LiveWeight | null {
  return fresh(channelFor(config).latest);
}

/** Close every connection (tests, shutdown). */
export function stopHub(): void {
  for (const ch of channels().values()) ch.tcp?.stop();
  channels().clear();
}
