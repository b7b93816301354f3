// Mettler Toledo continuous output (also emulated by Cardinal, Flintec, Rice Lake), and Flintec's variant.
// STX, status A/B/C, 6 weight digits, 6 tare digits, CR (+ optional checksum); see
// ../shared/weighbridge/indicator-formats.md. Frames are taken by STX + length, never split on CR.
import type { FrameDecoder } from '../framing';
import { garbage, printable, reading, type DecodeResult } from '../reading';

const STX = 0x02;
const CR = 0x0d;
const LF = 0x0a;

function digitsValue(frame: Uint8Array, from: number): number | null {
  let value = 0;
  let seen = false;
  for (let i = from; i < from + 6; i++) {
    const c = frame[i]! & 0x7f;
    if (c === 0x20) {
      if (seen) return null; // a space after a digit: not right-aligned weight
      continue;
    }
    if (c < 0x30 || c > 0x39) return null;
    seen = true;
    value = value * 10 + (c - 0x30);
  }
  return seen ? value : null;
}

function decodeStatus(frame: Uint8Array, variant: 'toledo' | 'flintec'): DecodeResult {
  const a = frame[1]! & 0x7f;
  const b = frame[2]! & 0x7f;
  const c = frame[3]! & 0x7f;
  if (!(a & 0x20) || !(b & 0x20) || !(c & 0x20)) return garbage(frame, 'status bytes must have bit 5 set');
  const digits = digitsValue(frame, 4);
  if (digits === null) return garbage(frame, 'weight must be six digits or spaces');
  if (digitsValue(frame, 10) === null) return garbage(frame, 'tare must be six digits or spaces');
  const increment = [0, 1, 2, 5][(a >> 3) & 0x03] ?? 0;
  if (increment === 0) return garbage(frame, 'status A: increment 00 is not defined');
  // Weighbridges count in divisions: a value off the increment is a misread frame, not a weight.
  if (digits % increment !== 0) return garbage(frame, `weight is not a multiple of the increment (${increment})`);
  const decimals = Math.max(0, (a & 0x07) - 2);
  const negative = (b & 0x02) !== 0;
  const magnitude = digits / 10 ** decimals;
  const weight = negative && magnitude !== 0 ? -magnitude : magnitude;
  const outOfRange = (b & 0x04) !== 0;
  const otherUnit = c & 0x07;
  // Flintec's status C is always '0' (which has bit 4 set): only Toledo's means ×10 expanded.
  const expanded = variant === 'toledo' && (c & 0x10) !== 0;
  // Toledo: bit 6 set = power-up zero not yet captured. Flintec: bit 6 set = it has been zeroed.
  const zeroNotCaptured = variant === 'toledo' ? (b & 0x40) !== 0 : (b & 0x40) === 0;
  const unit = variant === 'flintec' ? 'kg' : otherUnit !== 0 ? null : b & 0x10 ? 'kg' : 'lb';
  return {
    ok: true,
    reading: reading({
      weight: outOfRange ? null : weight,
      unit,
      stable: (b & 0x08) === 0,
      overload: outOfRange && !negative,
      underload: outOfRange && negative,
      error: zeroNotCaptured || expanded,
      net: (b & 0x01) !== 0,
      raw: printable(frame),
    }),
  };
}

function toledo(checksum: boolean): FrameDecoder {
  const length = checksum ? 18 : 17;
  return {
    framing: { kind: 'fixed', start: STX, length },
    decode(frame) {
      if ((frame[16]! & 0x7f) !== CR) return garbage(frame, 'byte 17 must be CR');
      if (checksum) {
        let sum = 0;
        for (let i = 0; i < 17; i++) sum += frame[i]! & 0x7f;
        if ((-sum & 0x7f) !== (frame[17]! & 0x7f)) return garbage(frame, 'checksum does not match');
      }
      return decodeStatus(frame, 'toledo');
    },
  };
}

export const toledoContinuous = toledo(false);
export const toledoWithChecksum = toledo(true);

/** Flintec FT-111 "Flintec": status C is '0', CR LF, then an 8-bit checksum (0 − sum of STX…LF). */
export const flintec: FrameDecoder = {
  framing: { kind: 'fixed', start: STX, length: 19 },
  decode(frame) {
    if (frame[16]! !== CR || frame[17]! !== LF) return garbage(frame, 'bytes 17–18 must be CR LF');
    if ((frame[3]! & 0x7f) !== 0x30) return garbage(frame, "status C must be '0'");
    let sum = 0;
    for (let i = 0; i < 18; i++) sum += frame[i]!;
    if ((-sum & 0xff) !== frame[18]!) return garbage(frame, 'checksum does not match');
    return decodeStatus(frame, 'flintec');
  },
};

/** Builds a Toledo frame (for the simulator and tests). */
export function encodeToledo(opts: {
  weight: number;
  decimals?: 0 | 1 | 2 | 3;
  unit?: 'kg' | 'lb';
  motion?: boolean;
  outOfRange?: boolean;
  net?: boolean;
  tare?: number;
  checksum?: boolean;
  increment?: 1 | 2 | 5;
}): Uint8Array {
  const decimals = opts.decimals ?? 0;
  const inc = { 1: 1, 2: 2, 5: 3 }[opts.increment ?? 1];
  const a = 0x20 | (inc << 3) | (decimals === 0 ? 2 : decimals + 2);
  const b =
    0x20 |
    (opts.net ? 0x01 : 0) |
    (opts.weight < 0 ? 0x02 : 0) |
    (opts.outOfRange ? 0x04 : 0) |
    (opts.motion ? 0x08 : 0) |
    ((opts.unit ?? 'kg') === 'kg' ? 0x10 : 0);
  const c = 0x20;
  const six = (v: number) =>
    String(Math.round(Math.abs(v) * 10 ** decimals))
      .padStart(6, ' ')
      .slice(-6);
  const text = six(opts.weight) + six(opts.tare ?? 0);
  const bytes = [STX, a, b, c, ...Array.from(text, (ch) => ch.charCodeAt(0)), CR];
  if (opts.checksum) bytes.push(-bytes.reduce((s, x) => s + x, 0) & 0x7f);
  return Uint8Array.from(bytes);
}
