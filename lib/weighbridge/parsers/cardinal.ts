// Cardinal "Scoreboard" (SB-400) output: sign (' '/'-'), 6 digits ('.' only if enabled), unit LB/KG,
// G|N, status OC|CZ|MO|EE, CR. Cardinal's other outputs are SMA (./sma.ts) and Toledo (./toledo.ts).
// Not verified: the padding of the digits and what is sent when no status applies (read here as two
// spaces or nothing).
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, parseNumber, printable, reading, unitFrom } from '../reading';

export const cardinalScoreboard: FrameDecoder = {
  framing: { kind: 'line', terminator: [0x0d], maxLength: 32 },
  decode(frame) {
    const text = ascii7(frame).replace(/^\n/, '').replace(/\r$/, '');
    const withDot = text.length >= 8 && text.slice(1, 8).includes('.');
    const digitsEnd = withDot ? 8 : 7;
    if (text.length < digitsEnd + 3) return garbage(frame, 'frame too short');
    const signChar = text.charAt(0);
    if (signChar !== ' ' && signChar !== '-') return garbage(frame, 'sign must be space or -');
    const unit = unitFrom(text.slice(digitsEnd, digitsEnd + 2));
    const mode = text.charAt(digitsEnd + 2);
    const status = text.slice(digitsEnd + 3).trim();
    if (unit === null) return garbage(frame, 'unit must be LB or KG');
    if (mode !== 'G' && mode !== 'N') return garbage(frame, 'mode must be G or N');
    if (status !== '' && !['OC', 'CZ', 'MO', 'EE'].includes(status)) return garbage(frame, 'status must be OC, CZ, MO or EE');
    const flagged = status === 'OC' || status === 'EE';
    const weight = parseNumber((signChar === '-' ? '-' : '') + text.slice(1, digitsEnd).trim());
    if (weight === null && !flagged) return garbage(frame, 'weight is not a number');
    return {
      ok: true,
      reading: reading({
        weight: flagged ? null : weight,
        unit,
        stable: status !== 'MO',
        overload: status === 'OC',
        error: status === 'EE',
        net: mode === 'N',
        raw: printable(frame),
      }),
    };
  },
};
