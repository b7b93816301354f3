// Avery Weigh-Tronix. The ZM400 series speak SMA (./sma.ts). This is the "Weigh-Tronix" continuous
// stream as Rice Lake emulates it: SP G|N +|- 6 digits (floating point, leading zeros) SP unit(2) CR[LF].
// It carries no motion or overload flag: stability is judged from repeated identical frames only.
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, parseNumber, printable, reading, unitFrom } from '../reading';

export const averyWeighTronix: FrameDecoder = {
  framing: { kind: 'line', terminator: [0x0d], maxLength: 40 },
  decode(frame) {
    const text = ascii7(frame).replace(/^\n/, '').replace(/\r$/, '');
    if (text.length !== 12) return garbage(frame, 'expected 12 characters before CR');
    if (text.charAt(0) !== ' ' || text.charAt(9) !== ' ') return garbage(frame, 'expected spaces at 1 and 10');
    const mode = text.charAt(1);
    const sign = text.charAt(2);
    if (mode !== 'G' && mode !== 'N') return garbage(frame, 'mode must be G or N');
    if (sign !== '+' && sign !== '-') return garbage(frame, 'sign must be + or -');
    const digits = text.slice(3, 9);
    if (digits.includes(' ')) return garbage(frame, 'weight must be six digits with leading zeros');
    const weight = parseNumber(sign + digits);
    const unit = unitFrom(text.slice(10, 12));
    if (weight === null) return garbage(frame, 'weight is not a number');
    if (unit === null) return garbage(frame, 'unknown unit');
    return { ok: true, reading: reading({ weight, unit, net: mode === 'N', raw: printable(frame) }) };
  },
};
