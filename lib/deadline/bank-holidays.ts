// UK bank holidays by rule, for the three calendars a site can follow (gov.uk publishes the same
// three: England and Wales, Scotland, Northern Ireland). Computed for any year, so the deadline keeps
// working after the years anyone checked; one-off changes by royal proclamation are listed by hand
// in ONE_OFF_CHANGES and must be added there when a new one is proclaimed.
// Pure code, no server imports: the browser shows deadlines too.
//
// The rules (Banking and Financial Dealings Act 1971 as amended, St Andrew's Day Bank Holiday
// (Scotland) Act 2007, and the yearly proclamations that give Saturday/Sunday substitutes):
// - every calendar: New Year's Day, Good Friday, early May (first Monday of May), spring (last Monday
//   of May), Christmas Day, Boxing Day;
// - England and Wales, Northern Ireland: Easter Monday, summer (last Monday of August);
// - Scotland: 2 January, summer (first Monday of August), St Andrew's Day (30 November);
// - Northern Ireland: St Patrick's Day (17 March), Battle of the Boyne (12 July);
// - a fixed-date holiday on a Saturday or Sunday gets a substitute day: the next weekday that is not
//   already a bank holiday (Christmas on a Sunday → Boxing Day Monday, substitute Tuesday 27th;
//   Christmas on a Saturday → Monday 27th and Tuesday 28th).
// With ONE_OFF_CHANGES the lists are right from 2020 on; earlier years get today's rules without
// their one-off days (2011, 2012, ...).

import { addDays, firstWeekdayOfMonth, isoDate, isWeekend, lastWeekdayOfMonth, parseIsoDate } from './calendar-date';

/** The four nations, as the prisma enum `Nation`: each has its own bank holidays (a site's nation, in lib/sites). */
export const NATIONS = ['ENGLAND', 'WALES', 'SCOTLAND', 'NORTHERN_IRELAND'] as const;
/** A site's nation, as the prisma enum `Nation`. */
export type Nation = (typeof NATIONS)[number];

/** The three published calendars, named as gov.uk names its divisions. */
export type HolidayCalendar = 'england-and-wales' | 'scotland' | 'northern-ireland';

export const HOLIDAY_CALENDARS: readonly HolidayCalendar[] = ['england-and-wales', 'scotland', 'northern-ireland'];

export function calendarForNation(nation: Nation): HolidayCalendar {
  switch (nation) {
    case 'ENGLAND':
    case 'WALES':
      return 'england-and-wales';
    case 'SCOTLAND':
      return 'scotland';
    case 'NORTHERN_IRELAND':
      return 'northern-ireland';
    default: {
      const never: never = nation;
      throw new RangeError(`Unknown nation: ${String(never)}`);
    }
  }
}

export interface BankHoliday {
  /** ISO calendar date, 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

/** A bank holiday added for one year only, or one moved from its usual date, by royal proclamation. */
export type OneOffChange =
  | { kind: 'add'; date: string; name: string; calendars: readonly HolidayCalendar[] }
  | { kind: 'move'; from: string; to: string; calendars: readonly HolidayCalendar[] };

const EVERY_CALENDAR = HOLIDAY_CALENDARS;

/**
 * Known one-off changes from 2020 on. Add new proclamations here (with a test): the rules cannot
 * foresee them.
 */
export const ONE_OFF_CHANGES: readonly OneOffChange[] = [
  // VE Day 75: the early May bank holiday moved from Monday 4 to Friday 8 May.
  { kind: 'move', from: '2020-05-04', to: '2020-05-08', calendars: EVERY_CALENDAR },
  // Platinum Jubilee: spring bank holiday moved to Thursday 2 June, an extra day on Friday 3 June.
  { kind: 'move', from: '2022-05-30', to: '2022-06-02', calendars: EVERY_CALENDAR },
  { kind: 'add', date: '2022-06-03', name: 'Platinum Jubilee bank holiday', calendars: EVERY_CALENDAR },
  { kind: 'add', date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II', calendars: EVERY_CALENDAR },
  { kind: 'add', date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III', calendars: EVERY_CALENDAR },
  // Proclaimed 4 February 2026 under s.1(3) of the 1971 Act, to mark Scotland's men's team at the
  // FIFA World Cup; Scotland only.
  { kind: 'add', date: '2026-06-15', name: "Scotland's World Cup bank holiday", calendars: ['scotland'] },
];

/**
 * Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm), as an
 * ISO date.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const MONDAY = 1;

/**
 * The bank holidays of one calendar in one year, in date order, computed by the rules and then the
 * given one-off changes (the known ones by default).
 */
export function computeBankHolidays(year: number, calendar: HolidayCalendar, oneOffChanges: readonly OneOffChange[] = ONE_OFF_CHANGES): BankHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`No bank holidays for year ${year}`);
  }
  const scotland = calendar === 'scotland';
  const ni = calendar === 'northern-ireland';

  // Fixed dates, which get a substitute when they fall at a weekend.
  const fixed: BankHoliday[] = [
    { date: isoDate(year, 1, 1), name: "New Year's Day" },
    ...(scotland ? [{ date: isoDate(year, 1, 2), name: '2nd January' }] : []),
    ...(ni ? [{ date: isoDate(year, 3, 17), name: "St Patrick's Day" }] : []),
    ...(ni ? [{ date: isoDate(year, 7, 12), name: "Battle of the Boyne (Orangemen's Day)" }] : []),
    ...(scotland ? [{ date: isoDate(year, 11, 30), name: "St Andrew's Day" }] : []),
    { date: isoDate(year, 12, 25), name: 'Christmas Day' },
    { date: isoDate(year, 12, 26), name: 'Boxing Day' },
  ];
  const easter = easterSunday(year);
  const moveable: BankHoliday[] = [
    { date: addDays(easter, -2), name: 'Good Friday' },
    ...(scotland ? [] : [{ date: addDays(easter, 1), name: 'Easter Monday' }]),
    { date: firstWeekdayOfMonth(year, 5, MONDAY), name: 'Early May bank holiday' },
    { date: lastWeekdayOfMonth(year, 5, MONDAY), name: 'Spring bank holiday' },
    {
      date: scotland ? firstWeekdayOfMonth(year, 8, MONDAY) : lastWeekdayOfMonth(year, 8, MONDAY),
      name: 'Summer bank holiday',
    },
  ];

  const holidays = [...moveable, ...fixed.filter((h) => !isWeekend(h.date))];
  const taken = new Set(holidays.map((h) => h.date));
  for (const h of fixed.filter((h) => isWeekend(h.date))) {
    let substitute = addDays(h.date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    taken.add(substitute);
    holidays.push({ date: substitute, name: `${h.name} (substitute day)` });
  }

  for (const change of oneOffChanges) {
    if (!change.calendars.includes(calendar)) continue;
    if (change.kind === 'add') {
      if (yearOf(change.date) === year) holidays.push({ date: change.date, name: change.name });
    } else {
      const index = holidays.findIndex((h) => h.date === change.from);
      if (yearOf(change.from) === year && index >= 0) holidays.splice(index, 1, { ...holidays[index]!, date: change.to });
    }
  }

  const byDate = new Map(holidays.map((h) => [h.date, h] as const)); // one entry per date
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function yearOf(date: string): number {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts[0];
}

const cache = new Map<string, readonly BankHoliday[]>();
const dateSets = new Map<string, ReadonlySet<string>>();

/** The bank holidays a site in this nation has in this year, in date order. */
export function bankHolidays(year: number, nation: Nation): readonly BankHoliday[] {
  const calendar = calendarForNation(nation);
  const key = `${calendar}:${year}`;
  let found = cache.get(key);
  if (!found) {
    found = Object.freeze(computeBankHolidays(year, calendar).map((h) => Object.freeze(h)));
    cache.set(key, found);
    dateSets.set(key, new Set(found.map((h) => h.date)));
  }
  return found;
}

/** Whether this ISO date ('YYYY-MM-DD') is a bank holiday for a site in this nation. */
export function isBankHoliday(date: string, nation: Nation): boolean {
  const year = yearOf(date);
  bankHolidays(year, nation);
  return dateSets.get(`${calendarForNation(nation)}:${year}`)!.has(date);
}
