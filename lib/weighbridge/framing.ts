// Cutting a byte stream into frames. Serial ports and TCP sockets deliver bytes in arbitrary pieces:
// a frame may arrive in several reads, several frames in one read, and the first bytes seen may be the
// tail of a frame. Every framer buffers (bounded), syncs on the format's start byte or terminator, drops
// a partial first frame, and never splits a Toledo frame on CR (its checksum can be 0x0D).
import type { DecodeResult } from './reading';

export type Framing =
  /** Start byte then a fixed number of bytes in all (Toledo, Flintec, Yaohua). */
  | { kind: 'fixed'; start: number; length: number }
  /** Start byte … one of the end bytes, inclusive (SMA LF…CR, Rinstrum STX…ETX). */
  | { kind: 'delimited'; start: number; end: readonly number[]; maxLength: number }
  /** Lines ended by a terminator (MT-SICS and "ST,GS" CR LF); the first, possibly partial, line is dropped. */
  | { kind: 'line'; terminator: readonly number[]; maxLength: number };

export interface FrameDecoder {
  framing: Framing;
  decode(frame: Uint8Array): DecodeResult;
}

/** Most bytes held while waiting for the end of a frame; older bytes are dropped. */
export const MAX_BUFFER = 1024;

function indexOfByte(buf: Uint8Array, byte: number, from: number, mask: boolean): number {
  for (let i = from; i < buf.length; i++) if ((mask ? buf[i]! & 0x7f : buf[i]) === byte) return i;
  return -1;
}

function indexOfSeq(buf: Uint8Array, seq: readonly number[], from: number): number {
  outer: for (let i = from; i + seq.length <= buf.length; i++) {
    for (let k = 0; k < seq.length; k++) if ((buf[i + k]! & 0x7f) !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

/** Stateful: feed it every chunk read, in order; it returns what each complete frame decoded to. */
export class FrameReader {
  private buf = new Uint8Array(0);
  private synced = false;

  constructor(private readonly decoder: FrameDecoder) {}

  push(chunk: Uint8Array): DecodeResult[] {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf);
    joined.set(chunk, this.buf.length);
    this.buf = joined.length > MAX_BUFFER ? joined.slice(joined.length - MAX_BUFFER) : joined;
    const out: DecodeResult[] = [];
    const f = this.decoder.framing;
    let pos = 0;
    for (;;) {
      if (f.kind === 'fixed') {
        const start = indexOfByte(this.buf, f.start, pos, true);
        if (start < 0) {
          pos = this.buf.length;
          break;
        }
        if (this.buf.length - start < f.length) {
          pos = start;
          break;
        }
        const result = this.decoder.decode(this.buf.slice(start, start + f.length));
        out.push(result);
        // A bad frame may have been a false start (a start byte inside the data): resync just after it.
        pos = result.ok ? start + f.length : start + 1;
      } else if (f.kind === 'delimited') {
        let start = indexOfByte(this.buf, f.start, pos, true);
        if (start < 0) {
          pos = this.buf.length;
          break;
        }
        let end = -1;
        for (let i = start + 1; i < this.buf.length && i - start < f.maxLength; i++) {
          const b = this.buf[i]! & 0x7f;
          if (b === f.start)
            start = i; // a new start before any end: the earlier frame was partial
          else if (f.end.includes(b)) {
            end = i;
            break;
          }
        }
        if (end < 0) {
          if (this.buf.length - start >= f.maxLength) {
            pos = start + 1;
            continue;
          }
          pos = start;
          break;
        }
        out.push(this.decoder.decode(this.buf.slice(start, end + 1)));
        pos = end + 1;
      } else {
        const end = indexOfSeq(this.buf, f.terminator, pos);
        if (end < 0) {
          if (this.buf.length - pos > f.maxLength) pos = this.buf.length - f.maxLength;
          break;
        }
        const frame = this.buf.slice(pos, end + f.terminator.length);
        if (this.synced) out.push(this.decoder.decode(frame));
        this.synced = true;
        pos = end + f.terminator.length;
      }
    }
    this.buf = this.buf.slice(pos);
    return out;
  }
}
