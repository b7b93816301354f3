// MT-SICS replies (Mettler Toledo's command set), one per CR LF line: `S S <weight> <unit>` stable,
// `S D …` dynamic, `S I` not executable, `S +` overload, `S -` underload. Read with the `SIR` command
// (immediate and repeat) the indicator streams them continuously.
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, parseNumber, printable, reading, unitFrom } from '../reading';

export const mtSics: FrameDecoder = {
  framing: { kind: 'line', terminator: [0x0d, 0x0a], maxLength: 64 },
  decode(frame) {
    const line = ascii7(frame).replace(/\r\n$/, '');
    const tokens = line.split(' ').filter((t) => t.length > 0);
    const raw = printable(frame);
    if (tokens[0] !== 'S' && tokens[0] !== 'SI') return garbage(frame, 'reply must start with S');
    const status = tokens[1];
    if (status === '+') return { ok: true, reading: reading({ overload: true, raw }) };
    if (status === '-') return { ok: true, reading: reading({ underload: true, raw }) };
    if (status === 'I') return { ok: true, reading: reading({ error: true, raw }) };
    if (status !== 'S' && status !== 'D') return garbage(frame, 'status must be S, D, I, + or -');
    let rest = tokens.slice(2);
    // Some firmware prints the sign apart from the digits.
    if (rest[0] === '-' && rest.length === 3) rest = ['-' + rest[1], rest[2] ?? ''];
    const [weightText = '', unitText = ''] = rest;
    if (rest.length !== 2) return garbage(frame, 'expected a weight and a unit');
    const weight = parseNumber(weightText);
    const unit = unitFrom(unitText);
    if (weight === null) return garbage(frame, 'weight is not a number');
    if (unit === null) return garbage(frame, `unknown unit ${unitText.slice(0, 8)}`);
    return { ok: true, reading: reading({ weight, unit, stable: status === 'S', raw }) };
  },
};
