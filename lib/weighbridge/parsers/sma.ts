// SMA (Scale Manufacturers Association SCP-0499), spoken by Avery Weigh-Tronix ZM400, Cardinal, Flintec,
// Sartorius: LF s r n m f weight(10) unit(3) CR.
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, parseNumber, printable, reading, unitFrom } from '../reading';

export const sma: FrameDecoder = {
  framing: { kind: 'delimited', start: 0x0a, end: [0x0d], maxLength: 40 },
  decode(frame) {
    const text = ascii7(frame);
    if (text.length !== 20) return garbage(frame, 'an SMA frame is LF + 18 characters + CR');
    const [s = '', r = '', n = '', m = '', f = ''] = text.slice(1, 6);
    const weightText = text.slice(6, 16);
    const unitText = text.slice(16, 19);
    if (!'ZOUEIT '.includes(s)) return garbage(frame, 'unknown status');
    if (!'12'.includes(r)) return garbage(frame, 'range must be 1 or 2');
    if (!'GTNgtn'.includes(n)) return garbage(frame, 'mode must be G, T or N');
    if (m !== 'M' && m !== ' ') return garbage(frame, "motion must be 'M' or space");
    if (f !== ' ') return garbage(frame, 'reserved byte must be a space');
    const raw = printable(frame);
    const error = s === 'E' || s === 'I' || s === 'T';
    const weight = parseNumber(weightText);
    if (weight === null && !error && s !== 'O' && s !== 'U') return garbage(frame, 'weight is not a number');
    return {
      ok: true,
      reading: reading({
        weight: error || s === 'O' || s === 'U' ? null : weight,
        unit: unitFrom(unitText),
        stable: m !== 'M',
        overload: s === 'O',
        underload: s === 'U',
        error,
        net: n === 'N' || n === 'n',
        raw,
      }),
    };
  },
};
