// Calendar dates as ISO strings ('2026-04-03'), with no time of day and no time zone: arithmetic on
// them runs in UTC so that clock changes never shift a day. Pure code, safe in the browser.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → [year, month 1-12, day], or null when it is not a real calendar date. */
export function parseIsoDate(value: string): [number, number, number] | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return [y, mo, d];
}

function toUtc(value: string): Date {
  const parts = parseIsoDate(value);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
}

function fromUtc(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

/** The ISO date of year/month (1-12)/day; month and day may overflow as Date.UTC allows. */
export function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year, month - 1, day); // years 0-99 are not read as 1900-1999
  return fromUtc(date);
}

export function addDays(value: string, days: number): string {
  const date = toUtc(value);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function dayOfWeek(value: string): number {
  return toUtc(value).getUTCDay();
}

export function isWeekend(value: string): boolean {
  const day = dayOfWeek(value);
  return day === 0 || day === 6;
}

/** The first given weekday (0 = Sunday … 6 = Saturday) of a month. */
export function firstWeekdayOfMonth(year: number, month: number, weekday: number): string {
  const first = isoDate(year, month, 1);
  return addDays(first, (weekday - dayOfWeek(first) + 7) % 7);
}

/** The last given weekday (0 = Sunday … 6 = Saturday) of a month. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): string {
  const last = isoDate(year, month + 1, 0);
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}
