// What an indicator said in one frame, whatever its format. Pure: used by the server's TCP reader, the
// site agent and the browser's Web Serial reader alike, so every path turns the same bytes into the same reading.

export const WEIGHT_UNITS = ['kg', 't', 'lb', 'g'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export interface Reading {
  /** Signed weight in the indicator's display units; null when it shows no number (dashes, overload). */
  weight: number | null;
  /** null when the format does not say (the weighbridge's configured unit then applies). */
  unit: WeightUnit | null;
  /** true/false as the indicator reports it; null when the format carries no motion flag. */
  stable: boolean | null;
  overload: boolean;
  underload: boolean;
  /** Any other error the indicator flags (zero error, tare error, zero not captured…). */
  error: boolean;
  net: boolean;
  /** The frame as received, control bytes written <STX>, <CR>… (kept with every weight taken). */
  raw: string;
}

export type DecodeResult = { ok: true; reading: Reading } | { ok: false; reason: string; raw: string };

const CONTROL_NAMES: Record<number, string> = { 0x02: 'STX', 0x03: 'ETX', 0x04: 'EOT', 0x05: 'ENQ', 0x0a: 'LF', 0x0d: 'CR' };

/** Printable form of a frame: ASCII as is, control and high bytes as <NAME> or <xHH>. */
export function printable(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `<${CONTROL_NAMES[b] ?? 'x' + b.toString(16).padStart(2, '0').toUpperCase()}>`;
  }
  return out;
}

/** ASCII text of bytes with the parity bit dropped (a 7E1 indicator read as 8N1 sets bit 7). */
export function ascii7(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b & 0x7f);
  return out;
}

export function unitFrom(text: string): WeightUnit | null {
  switch (text.trim().toLowerCase()) {
    case 'kg':
      return 'kg';
    case 't':
      return 't';
    case 'lb':
    case 'lbs':
      return 'lb';
    case 'g':
      return 'g';
    default:
      return null;
  }
}

const TO_KG: Record<WeightUnit, number> = { kg: 1, t: 1000, lb: 0.45359237, g: 0.001 };

/** Weight in kilograms (rounded to the gram), or null when there is no number or no unit. */
export function toKg(weight: number | null, unit: WeightUnit | null): number | null {
  if (weight === null || unit === null) return null;
  return Math.round(weight * TO_KG[unit] * 1000) / 1000;
}

/**
 * A decimal number as indicators print it: optional sign ('+', '-', or a space), digits with leading
 * spaces or zeros, at most one '.', nothing else. Written by hand, not with a regex, so any input is
 * read in one pass.
 */
export function parseNumber(text: string): number | null {
  const s = text.trim();
  if (s.length === 0 || s.length > 16) return null;
  let i = 0;
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s.startsWith('-');
    i = 1;
    while (s[i] === ' ') i++;
  }
  let digits = 0;
  let dots = 0;
  for (let j = i; j < s.length; j++) {
    const c = s.charAt(j);
    if (c >= '0' && c <= '9') digits++;
    else if (c === '.') dots++;
    else return null;
  }
  if (digits === 0 || dots > 1) return null;
  const value = Number(s.slice(i));
  if (!Number.isFinite(value)) return null;
  return negative && value !== 0 ? -value : value;
}

export function reading(partial: Partial<Reading> & { raw: string }): Reading {
  return { weight: null, unit: null, stable: null, overload: false, underload: false, error: false, net: false, ...partial };
}

export function garbage(raw: Uint8Array, reason: string): DecodeResult {
  return { ok: false, reason, raw: printable(raw) };
}

export function xorOf(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

export function hexByte(text: string): number | null {
  if (text.length !== 2) return null;
  let v = 0;
  for (const c of text.toUpperCase()) {
    const d = '0123456789ABCDEF'.indexOf(c);
    if (d < 0) return null;
    v = v * 16 + d;
  }
  return v;
}
