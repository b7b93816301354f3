// DWT's reporting window: a receipt (and any correction to it) must be reported within two working
// days, counted from the day after the waste arrives — in on Monday 09:00, reported before midnight
// at the end of Wednesday. Days are UK calendar days (Europe/London, GMT/BST); working days leave
// out weekends and the bank holidays of the site's nation. Pure code, safe in the browser.

import { instantToUkLocal, ukLocalToInstant } from '@/lib/time/uk-time';
import { isBankHoliday, type Nation } from './bank-holidays';
import { addDays, isWeekend, parseIsoDate } from './calendar-date';

export type { Nation } from './bank-holidays';

/** Working days allowed after the day of arrival. */
export const REPORTING_WORKING_DAYS = 2;

function assertInstant(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${what} is not a valid date and time`);
  }
}

function assertUkDate(value: string): void {
  if (!parseIsoDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/** The UK calendar date ('YYYY-MM-DD', Europe/London) of an instant: 2026-06-30T23:30Z → '2026-07-01'. */
export function ukCalendarDate(instant: Date): string {
  assertInstant(instant, 'The instant');
  return instantToUkLocal(instant).slice(0, 10);
}

/** The instant a UK calendar day starts (its midnight, 00:00 GMT or BST as that day has it). */
export function ukStartOfDay(ukDate: string): Date {
  assertUkDate(ukDate);
  // UK clocks change at 01:00 GMT, never at midnight, so every UK day has exactly one 00:00.
  return ukLocalToInstant(`${ukDate}T00:00`)!;
}

/** Whether a UK calendar date is a working day for a site in this nation: not a weekend, not a bank holiday. */
export function isWorkingDay(ukDate: string, nation: Nation): boolean {
  assertUkDate(ukDate);
  return !isWeekend(ukDate) && !isBankHoliday(ukDate, nation);
}

/**
 * The UK calendar date that is the `count`th working day after `ukDate` (which itself never counts,
 * working day or not). `count` must be a positive integer.
 */
export function addWorkingDays(ukDate: string, count: number, nation: Nation): string {
  assertUkDate(ukDate);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Working days to add must be a positive integer, not ${count}`);
  let day = ukDate;
  for (let found = 0; found < count;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, nation)) found += 1;
  }
  return day;
}

/** The last UK calendar date on which a load received at this instant can be reported in time. */
export function reportingDueDate(receivedAt: Date, nation: Nation): string {
  return addWorkingDays(ukCalendarDate(receivedAt), REPORTING_WORKING_DAYS, nation);
}

/**
 * The instant the reporting window closes for a load received at `receivedAt`: midnight (UK time) at
 * the end of the second working day after the UK calendar day of arrival. Reporting at any instant
 * strictly before it is in time. In Monday 09:00 → Thursday 00:00 UK time.
 */
export function reportingDeadline(receivedAt: Date, nation: Nation): Date {
  assertInstant(receivedAt, 'The time received');
  return ukStartOfDay(addDays(reportingDueDate(receivedAt, nation), 1));
}

export type DeadlineStatus = 'overdue' | 'due-today' | 'due-tomorrow' | 'later';

/**
 * How a deadline (as reportingDeadline returns it) stands at `now`, in UK calendar days:
 * - 'overdue' once now >= deadline;
 * - otherwise the deadline's day is the UK date of (deadline − 1 ms), the last moment still in time,
 *   and it is 'due-today' when that day is now's UK date, 'due-tomorrow' when it is the next UK
 *   date, and 'later' beyond.
 */
export function deadlineStatus(deadline: Date, now: Date): DeadlineStatus {
  assertInstant(deadline, 'The deadline');
  assertInstant(now, 'Now');
  if (now.getTime() >= deadline.getTime()) return 'overdue';
  const lastDay = ukCalendarDate(new Date(deadline.getTime() - 1));
  const today = ukCalendarDate(now);
  if (lastDay <= today) return 'due-today';
  if (lastDay === addDays(today, 1)) return 'due-tomorrow';
  return 'later';
}
