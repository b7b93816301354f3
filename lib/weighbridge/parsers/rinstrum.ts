// Rinstrum R320/R420/5000 AUTO output (10 Hz), STX … ETX, no CR/LF.
//  FMT_1 (11 bytes): STX sign weight(7) status(G/N/U/O/M/E) ETX — while moving the status is M.
//  FMT_2 (17 bytes): STX sign weight(7) S1(G/N/U/O/E) S2('M'/' ') S3('Z'/' ') S4('-'/'1'/'2') unit(3) ETX.
//  FMT_6: as FMT_2, but the sign byte also carries traffic lights.
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, parseNumber, printable, reading, unitFrom, type DecodeResult } from '../reading';

const STX = 0x02;
const ETX = 0x03;
const POSITIVE_LIGHTS = ' 0`p';
const NEGATIVE_LIGHTS = '-=m}';

function sign(c: string, lights: boolean): '' | '-' | null {
  if (c === ' ') return '';
  if (c === '-') return '-';
  if (lights && POSITIVE_LIGHTS.includes(c)) return '';
  if (lights && NEGATIVE_LIGHTS.includes(c)) return '-';
  return null;
}

function weightOf(signChar: string, text: string, lights: boolean): number | null | undefined {
  const s = sign(signChar, lights);
  if (s === null) return undefined;
  return parseNumber(s + text.trim());
}

export const rinstrumFmt1: FrameDecoder = {
  framing: { kind: 'delimited', start: STX, end: [ETX], maxLength: 24 },
  decode(frame): DecodeResult {
    const t = ascii7(frame);
    if (t.length !== 11) return garbage(frame, 'FMT_1 frames are 11 bytes');
    const status = t.charAt(9);
    if (!'GNUOME'.includes(status)) return garbage(frame, 'status must be G, N, U, O, M or E');
    const flagged = status === 'U' || status === 'O' || status === 'E';
    const weight = weightOf(t.charAt(1), t.slice(2, 9), false);
    if (weight === undefined) return garbage(frame, 'sign must be space or -');
    if (weight === null && !flagged) return garbage(frame, 'weight is not a number');
    return {
      ok: true,
      reading: reading({
        weight: flagged ? null : weight,
        stable: status !== 'M',
        overload: status === 'O',
        underload: status === 'U',
        error: status === 'E',
        net: status === 'N',
        raw: printable(frame),
      }),
    };
  },
};

function fmt2(lights: boolean): FrameDecoder {
  return {
    framing: { kind: 'delimited', start: STX, end: [ETX], maxLength: 24 },
    decode(frame): DecodeResult {
      const t = ascii7(frame);
      if (t.length !== 17) return garbage(frame, 'FMT_2 frames are 17 bytes');
      const [s1 = '', s2 = '', s3 = '', s4 = ''] = t.slice(9, 13);
      if (!'GNUOE'.includes(s1)) return garbage(frame, 'S1 must be G, N, U, O or E');
      if (s2 !== 'M' && s2 !== ' ') return garbage(frame, "S2 must be 'M' or space");
      if (s3 !== 'Z' && s3 !== ' ') return garbage(frame, "S3 must be 'Z' or space");
      if (!'-12'.includes(s4)) return garbage(frame, "S4 must be '-', '1' or '2'");
      const flagged = s1 === 'U' || s1 === 'O' || s1 === 'E';
      const weight = weightOf(t.charAt(1), t.slice(2, 9), lights);
      if (weight === undefined) return garbage(frame, 'unknown sign byte');
      if (weight === null && !flagged) return garbage(frame, 'weight is not a number');
      const unitText = t.slice(13, 16);
      // Three spaces while unstable: no unit, but the frame is still a (moving) reading.
      const unit = unitFrom(unitText);
      if (unit === null && unitText.trim() !== '') return garbage(frame, 'unknown unit');
      return {
        ok: true,
        reading: reading({
          weight: flagged ? null : weight,
          unit,
          stable: s2 !== 'M',
          overload: s1 === 'O',
          underload: s1 === 'U',
          error: s1 === 'E',
          net: s1 === 'N',
          raw: printable(frame),
        }),
      };
    },
  };
}

export const rinstrumFmt2 = fmt2(false);
export const rinstrumFmt6 = fmt2(true);
