// The comma-separated families, one line each ended CR LF:
//  Dini Argeo:        [address]ST|US|OL|UL,GS|NT,<8-char signed weight>,kg
//  Chinese "ST,GS":   ST|US|OL,GS|NT,<sign><7-char weight><unit>   e.g. ST,GS,+011.120kg (some send ' ' for '+')
// Not verified: Dini Argeo's padding of the weight field.
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, parseNumber, printable, reading, unitFrom, type DecodeResult } from '../reading';

const CRLF = [0x0d, 0x0a] as const;

function fromStatus(frame: Uint8Array, status: string, mode: string, weight: number | null, unit: ReturnType<typeof unitFrom>): DecodeResult {
  if (mode !== 'GS' && mode !== 'NT') return garbage(frame, 'mode must be GS or NT');
  const overload = status === 'OL';
  const underload = status === 'UL';
  if (weight === null && !overload && !underload) return garbage(frame, 'weight is not a number');
  return {
    ok: true,
    reading: reading({
      weight: overload || underload ? null : weight,
      unit,
      stable: status === 'ST',
      overload,
      underload,
      net: mode === 'NT',
      raw: printable(frame),
    }),
  };
}

export const diniArgeo: FrameDecoder = {
  framing: { kind: 'line', terminator: CRLF, maxLength: 48 },
  decode(frame) {
    const parts = ascii7(frame).replace(/\r\n$/, '').split(',');
    if (parts.length !== 4) return garbage(frame, 'expected four comma-separated fields');
    const [head = '', mode = '', weightField = '', unitField = ''] = parts;
    const status = head.slice(-2);
    const address = head.slice(0, -2);
    if (!['ST', 'US', 'OL', 'UL'].includes(status)) return garbage(frame, 'status must be ST, US, OL or UL');
    for (const c of address) if (c < '0' || c > '9') return garbage(frame, 'address must be digits');
    if (weightField.length !== 8) return garbage(frame, 'weight field must be 8 characters');
    const unit = unitFrom(unitField);
    if (unit === null) return garbage(frame, 'unknown unit');
    return fromStatus(frame, status, mode, parseNumber(weightField), unit);
  },
};

export const stGs: FrameDecoder = {
  framing: { kind: 'line', terminator: CRLF, maxLength: 40 },
  decode(frame) {
    const parts = ascii7(frame).replace(/\r\n$/, '').split(',');
    if (parts.length !== 3) return garbage(frame, 'expected three comma-separated fields');
    const [status = '', mode = '', value = ''] = parts;
    if (!['ST', 'US', 'OL'].includes(status)) return garbage(frame, 'status must be ST, US or OL');
    if (value.length < 9) return garbage(frame, 'weight field too short');
    const signChar = value.charAt(0);
    if (signChar !== '+' && signChar !== '-' && signChar !== ' ') return garbage(frame, 'sign must be +, - or space');
    const unit = unitFrom(value.slice(8));
    if (unit === null) return garbage(frame, 'unknown unit');
    const weight = parseNumber((signChar === '-' ? '-' : '') + value.slice(1, 8).trim());
    return fromStatus(frame, status, mode, weight, unit);
  },
};
