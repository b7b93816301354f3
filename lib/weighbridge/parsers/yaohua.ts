// Yaohua XK3190 and A12E indicators (common on imported weighbridges).
//  "format 0":  STX, sign, 6 digits, number of decimals (0–4), two hex characters of the XOR of bytes 2–9, ETX.
//  "=" format:  '=', then 7 characters least-significant first, then the sign; no terminator.
//  A12E:        `WG004.139kg3D` CR LF, the last two characters the XOR of bytes 1–11 in hex; overload `OL`.
// None of them carries a motion flag: stability is judged from repeated identical frames.
// Not verified: the "=" format's sign convention (it varies by model; '-' is read as negative).
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, hexByte, parseNumber, printable, reading, unitFrom, xorOf } from '../reading';

export const yaohuaFormat0: FrameDecoder = {
  framing: { kind: 'fixed', start: 0x02, length: 12 },
  decode(frame) {
    const t = ascii7(frame);
    if (frame[11]! !== 0x03) return garbage(frame, 'byte 12 must be ETX');
    const sum = hexByte(t.slice(9, 11));
    if (sum === null || sum !== xorOf(frame, 1, 9)) return garbage(frame, 'checksum does not match');
    const signChar = t.charAt(1);
    if (signChar !== '+' && signChar !== '-') return garbage(frame, 'sign must be + or -');
    const digits = t.slice(2, 8);
    for (const c of digits) if (c < '0' || c > '9') return garbage(frame, 'weight must be six digits');
    const decimals = Number(t.charAt(8));
    if (!(decimals >= 0 && decimals <= 4)) return garbage(frame, 'decimals must be 0–4');
    const magnitude = Number(digits) / 10 ** decimals;
    return { ok: true, reading: reading({ weight: signChar === '-' && magnitude !== 0 ? -magnitude : magnitude, raw: printable(frame) }) };
  },
};

export const yaohuaEquals: FrameDecoder = {
  framing: { kind: 'fixed', start: 0x3d, length: 9 },
  decode(frame) {
    const t = ascii7(frame);
    const reversed = t.slice(1, 8).split('').reverse().join('');
    const signChar = t.charAt(8);
    if (signChar !== '-' && signChar !== '+' && signChar !== '0' && signChar !== ' ') return garbage(frame, 'unknown sign character');
    const magnitude = parseNumber(reversed);
    if (magnitude === null || magnitude < 0) return garbage(frame, 'weight is not a number');
    return { ok: true, reading: reading({ weight: signChar === '-' && magnitude !== 0 ? -magnitude : magnitude, raw: printable(frame) }) };
  },
};

export const yaohuaA12e: FrameDecoder = {
  framing: { kind: 'line', terminator: [0x0d, 0x0a], maxLength: 32 },
  decode(frame) {
    const t = ascii7(frame).replace(/\r\n$/, '');
    if (t.length !== 13) return garbage(frame, 'expected 13 characters before CR LF');
    const sum = hexByte(t.slice(11, 13));
    if (sum === null || sum !== xorOf(frame, 0, 11)) return garbage(frame, 'checksum does not match');
    if (t.charAt(0) !== 'W' || (t.charAt(1) !== 'G' && t.charAt(1) !== 'N')) return garbage(frame, 'frame must start WG or WN');
    const field = t.slice(2, 9);
    const unit = unitFrom(t.slice(9, 11));
    const raw = printable(frame);
    if (field.includes('OL')) return { ok: true, reading: reading({ overload: true, unit, net: t.charAt(1) === 'N', raw }) };
    const weight = parseNumber(field);
    if (weight === null) return garbage(frame, 'weight is not a number');
    if (unit === null) return garbage(frame, 'unknown unit');
    return { ok: true, reading: reading({ weight, unit, net: t.charAt(1) === 'N', raw }) };
  },
};
