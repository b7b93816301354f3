// A weight taken in the browser from an indicator the server cannot see (Web Serial: the cable is on the
// clerk's PC) is checked on the server from the raw frame it came with: the frame must decode, with the
// weighbridge's own format, to the weight claimed, at rest and in range. A page cannot send a weight
// the indicator did not show, and the frame kept with the load says what the indicator sent. Pure.
import { decoderFor } from './formats';
import { toKg, type WeightUnit } from './reading';
import type { ReaderConfig } from './schema';

const NAMED: Record<string, number> = { STX: 0x02, ETX: 0x03, EOT: 0x04, ENQ: 0x05, LF: 0x0a, CR: 0x0d };

/** Bytes of a frame written by `printable` (reading.ts): ASCII as is, <NAME> and <xHH> for the rest. */
export function bytesOfPrintable(raw: string): Uint8Array | null {
  if (raw.length > 512) return null;
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 0x3c /* < */) {
      const close = raw.indexOf('>', i + 1);
      if (close < 0 || close - i > 5) return null;
      const name = raw.slice(i + 1, close);
      const byte = NAMED[name] ?? (/^x[0-9A-F]{2}$/.test(name) ? parseInt(name.slice(1), 16) : undefined);
      if (byte === undefined) return null;
      out.push(byte);
      i = close;
    } else if (ch >= 0x20 && ch < 0x7f) out.push(ch);
    else return null;
  }
  return Uint8Array.from(out);
}

export type TakenReadingCheck = { ok: true; kg: number } | { ok: false; problem: string };

/** Whether `raw`, decoded as the weighbridge's format, shows `kg` at rest and in range. */
export function checkTakenReading(config: Pick<ReaderConfig, 'format' | 'template' | 'unit'>, taken: { raw: string; kg: number }): TakenReadingCheck {
  const bytes = bytesOfPrintable(taken.raw);
  if (!bytes || bytes.length === 0) return { ok: false, problem: 'The indicator’s frame for this weight could not be read. Take the weight again.' };
  let result;
  try {
    result = decoderFor(config.format, config.template ?? undefined).decode(bytes);
  } catch {
    return { ok: false, problem: 'The indicator’s frame for this weight could not be read. Take the weight again.' };
  }
  if (!result.ok) return { ok: false, problem: 'The indicator’s frame for this weight could not be read. Take the weight again.' };
  const r = result.reading;
  if (r.overload || r.underload || r.error || r.weight === null)
    return { ok: false, problem: 'The indicator was not showing a weight in range. Take the weight again.' };
  if (r.stable === false) return { ok: false, problem: 'The weight was still moving. Wait for it to settle, then take it again.' };
  const kg = toKg(r.weight, r.unit ?? (config.unit as WeightUnit));
  if (kg === null || Math.abs(kg - taken.kg) > 0.001)
    return { ok: false, problem: 'The weight does not match what the indicator sent. Take the weight again.' };
  return { ok: true, kg };
}
