// Pavone DAT11: STX, status byte, 8-character right-aligned weight, XOR checksum as two characters,
// ETX or EOT; `^^^^^^^^` overweight, `________` underweight.
// Not verified: the status byte's bits (so motion is judged from repeated identical frames) and which
// bytes the XOR covers (taken here as the status byte and the weight).
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, hexByte, parseNumber, printable, reading, xorOf } from '../reading';

export const pavoneDat11: FrameDecoder = {
  framing: { kind: 'delimited', start: 0x02, end: [0x03, 0x04], maxLength: 24 },
  decode(frame) {
    const t = ascii7(frame);
    if (t.length !== 13) return garbage(frame, 'DAT11 frames are 13 bytes');
    const sum = hexByte(t.slice(10, 12));
    if (sum === null || sum !== xorOf(frame, 1, 10)) return garbage(frame, 'checksum does not match');
    const field = t.slice(2, 10);
    const raw = printable(frame);
    if (field === '^^^^^^^^') return { ok: true, reading: reading({ overload: true, raw }) };
    if (field === '________') return { ok: true, reading: reading({ underload: true, raw }) };
    const weight = parseNumber(field);
    if (weight === null) return garbage(frame, 'weight is not a number');
    return { ok: true, reading: reading({ weight, raw }) };
  },
};
