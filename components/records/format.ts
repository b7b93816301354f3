// Display helpers for the records list and charts (pure, server or browser).
import type { DeadlineStatus } from '@/lib/deadline';
import { ukCalendarDate } from '@/lib/deadline';

const dayFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const shortDayFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

/** 'YYYY-MM-DD' → "Wed 25 Nov 2026". */
export function formatUkDate(isoDate: string): string {
  return dayFormatter.format(new Date(`${isoDate}T00:00:00Z`));
}

/** 'YYYY-MM-DD' → "25 Nov". */
export function formatShortDate(isoDate: string): string {
  return shortDayFormatter.format(new Date(`${isoDate}T00:00:00Z`));
}

/** The last UK day a load can be reported in time (the deadline is the midnight that ends it). */
export function dueDay(dueAt: Date): string {
  return ukCalendarDate(new Date(dueAt.getTime() - 1));
}

export const deadlineLabels: Record<DeadlineStatus, string> = {
  overdue: 'Overdue',
  'due-today': 'Due today',
  'due-tomorrow': 'Due tomorrow',
  later: '',
};

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

export function formatTonnes(t: number): string {
  return t.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
}

/** EWC chapters (the first two digits of a code), shortened from the List of Wastes. */
export const EWC_CHAPTERS: Record<string, string> = {
  '01': 'Mining and quarrying',
  '02': 'Agriculture and food',
  '03': 'Wood, paper and board processing',
  '04': 'Leather, fur and textiles',
  '05': 'Petroleum, gas and coal',
  '06': 'Inorganic chemical processes',
  '07': 'Organic chemical processes',
  '08': 'Coatings, adhesives, sealants and inks',
  '09': 'Photographic industry',
  '10': 'Thermal processes',
  '11': 'Metal treatment and coating',
  '12': 'Shaping of metals and plastics',
  '13': 'Oils and liquid fuels',
  '14': 'Solvents, refrigerants and propellants',
  '15': 'Packaging, absorbents and cloths',
  '16': 'Not otherwise specified',
  '17': 'Construction and demolition',
  '18': 'Healthcare',
  '19': 'Waste and water treatment',
  '20': 'Municipal wastes',
};

export function chapterLabel(chapter: string): string {
  return EWC_CHAPTERS[chapter] ? `${chapter} ${EWC_CHAPTERS[chapter]}` : `Chapter ${chapter}`;
}

/** "17 05 04" as people write EWC codes. */
export function formatEwc(code: string): string {
  return /^\d{6}$/.test(code) ? `${code.slice(0, 2)} ${code.slice(2, 4)} ${code.slice(4)}` : code;
}
