// Weights as clerks type them and read them: "8,100 kg", "8.1 t", "14 320". Pure: no server imports.
//
// A number is taken when it can only mean one thing: thousands separators (commas or spaces) in groups
// of three, a decimal point, and an optional unit that is either the field's own or converts to it
// exactly (kg ↔ t ↔ g). "8,1" (a decimal comma?) and "8.100,5" are refused, never guessed at.
import type { WeightMetric } from '@/lib/dwt/schema';

const FACTOR_KG: Record<WeightMetric, number> = { Grams: 0.001, Kilograms: 1, Tonnes: 1000 };

const UNIT_WORDS: Record<string, WeightMetric> = {
  g: 'Grams',
  gram: 'Grams',
  grams: 'Grams',
  kg: 'Kilograms',
  kgs: 'Kilograms',
  kilo: 'Kilograms',
  kilos: 'Kilograms',
  kilogram: 'Kilograms',
  kilograms: 'Kilograms',
  t: 'Tonnes',
  tonne: 'Tonnes',
  tonnes: 'Tonnes',
};

export const UNIT_SYMBOL: Record<WeightMetric, string> = { Grams: 'g', Kilograms: 'kg', Tonnes: 't' };
const UNIT_WORD: Record<WeightMetric, [string, string]> = { Grams: ['gram', 'grams'], Kilograms: ['kilogram', 'kilograms'], Tonnes: ['tonne', 'tonnes'] };

/** Bounded: a weight is never longer than this, so the patterns below never see a long input. */
const MAX_LENGTH = 40;

/** Rounds away binary noise (0.1 + 0.2) without losing a weighbridge's precision. */
export function roundWeight(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function convertWeight(amount: number, from: WeightMetric, to: WeightMetric): number {
  return from === to ? amount : roundWeight((amount * FACTOR_KG[from]) / FACTOR_KG[to]);
}

export function toKilograms(amount: number, metric: WeightMetric): number {
  return convertWeight(amount, metric, 'Kilograms');
}

/**
 * A typed weight in the field's unit: undefined when blank, NaN when it is not a weight we can read
 * without guessing. "8,100 kg" → 8100 (kg field) or 8.1 (tonnes field); "8.1 t" → 8100 (kg field).
 */
export function parseWeight(text: string, unit: WeightMetric): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t.length > MAX_LENGTH) return Number.NaN;
  const m = /^(-?)(\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d*)(?:\.(\d+))?\s*([a-zA-Z]*)\.?$/.exec(t);
  if (!m) return Number.NaN;
  const [, sign, whole, fraction, word] = m;
  if (whole === '' && fraction === undefined) return Number.NaN;
  const plain = whole!.replace(/[, \u00a0\u202f]/g, '');
  const n = Number(`${sign}${plain || '0'}${fraction !== undefined ? `.${fraction}` : ''}`);
  if (!Number.isFinite(n)) return Number.NaN;
  if (!word) return n;
  const typedUnit = UNIT_WORDS[word.toLowerCase()];
  if (!typedUnit) return Number.NaN;
  return convertWeight(n, typedUnit, unit);
}

/** "14,320 kg", "6.22 t": a weight as the ticket and the form show it. */
export function formatWeight(amount: number, metric: WeightMetric): string {
  return `${amount.toLocaleString('en-GB', { maximumFractionDigits: 6 })} ${UNIT_SYMBOL[metric]}`;
}

/** "14,320 tonnes": a weight in words, for questions the clerk must read carefully. */
export function formatWeightWords(amount: number, metric: WeightMetric): string {
  const [one, many] = UNIT_WORD[metric];
  return `${amount.toLocaleString('en-GB', { maximumFractionDigits: 6 })} ${amount === 1 ? one : many}`;
}
