import { describe, expect, it } from 'vitest';
import { instantToUkLocal, ukLocalToInstant } from '@/lib/time/uk-time';
import { addDays } from './calendar-date';
import { addWorkingDays, deadlineStatus, isWorkingDay, reportingDeadline, reportingDueDate, ukCalendarDate, ukStartOfDay, type Nation } from './deadline';

/** A UK wall-clock time ('2026-07-10T23:59') as an instant. */
const uk = (local: string): Date => {
  const instant = ukLocalToInstant(local);
  if (!instant) throw new Error(`bad test time ${local}`);
  return instant;
};
/** The deadline for a load received at this UK wall-clock time, as a UTC ISO string. */
const deadline = (receivedUk: string | Date, nation: Nation): string =>
  reportingDeadline(typeof receivedUk === 'string' ? uk(receivedUk) : receivedUk, nation).toISOString();

const ALL: readonly Nation[] = ['ENGLAND', 'WALES', 'SCOTLAND', 'NORTHERN_IRELAND'];

describe('reportingDeadline', () => {
  it('in on Monday 09:00 → the end of Wednesday (Thursday 00:00 UK time), in GMT and in BST', () => {
    for (const nation of ALL) {
      expect(deadline('2026-11-23T09:00', nation)).toBe('2026-11-26T00:00:00.000Z'); // GMT
      expect(deadline('2026-06-22T09:00', nation)).toBe('2026-06-24T23:00:00.000Z'); // 00:00 BST
    }
  });

  it('counts from the day after arrival whatever the time of day', () => {
    expect(deadline('2026-11-23T00:00', 'ENGLAND')).toBe('2026-11-26T00:00:00.000Z');
    expect(deadline(new Date(uk('2026-11-23T00:00').getTime() - 1), 'ENGLAND')).toBe('2026-11-25T00:00:00.000Z'); // Sunday
    expect(deadline('2026-11-25T23:59', 'ENGLAND')).toBe('2026-11-28T00:00:00.000Z'); // Wed → Thu, Fri
  });

  it('skips the weekend: Friday late, Saturday and Sunday arrivals all end on Tuesday', () => {
    // 27 Nov 2026 is a Friday in GMT; 10 July 2026 a Friday in BST.
    expect(deadline('2026-11-27T23:30', 'ENGLAND')).toBe('2026-12-02T00:00:00.000Z');
    expect(deadline('2026-11-27T23:59', 'WALES')).toBe('2026-12-02T00:00:00.000Z');
    expect(deadline('2026-11-28T10:00', 'ENGLAND')).toBe('2026-12-02T00:00:00.000Z');
    expect(deadline('2026-11-29T23:59', 'ENGLAND')).toBe('2026-12-02T00:00:00.000Z');
    expect(deadline('2026-07-10T23:59', 'ENGLAND')).toBe('2026-07-14T23:00:00.000Z');
    expect(deadline('2026-07-11T08:00', 'SCOTLAND')).toBe('2026-07-14T23:00:00.000Z');
  });

  it('a load in late on the Friday before a bank-holiday Monday is due at the end of Wednesday', () => {
    for (const nation of ALL) {
      // Spring bank holiday, Monday 25 May 2026 (BST), every nation: Tue 26, Wed 27 → Thursday 00:00 BST.
      expect(deadline('2026-05-22T23:59', nation)).toBe('2026-05-27T23:00:00.000Z');
      // Early May, Monday 4 May 2026, every nation.
      expect(deadline('2026-05-01T23:59', nation)).toBe('2026-05-06T23:00:00.000Z');
    }
    // Summer: Friday 28 August 2026 → Monday 31 is a holiday except in Scotland.
    for (const nation of ['ENGLAND', 'WALES', 'NORTHERN_IRELAND'] as const) expect(deadline('2026-08-28T23:59', nation)).toBe('2026-09-02T23:00:00.000Z');
    expect(deadline('2026-08-28T23:59', 'SCOTLAND')).toBe('2026-09-01T23:00:00.000Z');
    // Good Friday (3 April 2026, a holiday everywhere) late: Easter Monday is a holiday except in Scotland.
    expect(deadline('2026-04-03T23:59', 'SCOTLAND')).toBe('2026-04-07T23:00:00.000Z'); // Mon 6 works in Scotland
    expect(deadline('2026-04-03T23:59', 'ENGLAND')).toBe('2026-04-08T23:00:00.000Z');
    // GMT: Friday 1 January 2027 (a holiday) late → Mon 4 (Scotland: 2 Jan's substitute) …
    expect(deadline('2027-01-01T23:59', 'ENGLAND')).toBe('2027-01-06T00:00:00.000Z'); // Mon 4, Tue 5
    expect(deadline('2027-01-01T23:59', 'SCOTLAND')).toBe('2027-01-07T00:00:00.000Z'); // Tue 5, Wed 6
    // St Patrick's Day on a Monday (17 March 2025, GMT): Friday 14 late.
    expect(deadline('2025-03-14T23:59', 'NORTHERN_IRELAND')).toBe('2025-03-20T00:00:00.000Z');
    expect(deadline('2025-03-14T23:59', 'WALES')).toBe('2025-03-19T00:00:00.000Z');
    // The Twelfth on a Monday (12 July 2027, BST): Friday 9 late.
    expect(deadline('2027-07-09T23:59', 'NORTHERN_IRELAND')).toBe('2027-07-14T23:00:00.000Z');
    expect(deadline('2027-07-09T23:59', 'ENGLAND')).toBe('2027-07-13T23:00:00.000Z');
  });

  it('a Friday 23:59 arrival is still Friday in GMT and in BST (due at the end of Tuesday)', () => {
    for (const nation of ALL) {
      expect(deadline('2027-02-05T23:59', nation)).toBe('2027-02-10T00:00:00.000Z'); // GMT
      expect(deadline('2027-06-04T23:59', nation)).toBe('2027-06-08T23:00:00.000Z'); // BST
      // One minute later is Saturday: the same deadline.
      expect(deadline('2027-06-05T00:00', nation)).toBe('2027-06-08T23:00:00.000Z');
    }
  });

  it('takes the day of arrival in UK time, not UTC, just after midnight BST', () => {
    // 00:30 BST on Wednesday 1 July is 23:30 UTC on Tuesday 30 June: Thu 2, Fri 3 July.
    const received = new Date('2026-06-30T23:30:00Z');
    expect(ukCalendarDate(received)).toBe('2026-07-01');
    expect(deadline(received, 'ENGLAND')).toBe('2026-07-03T23:00:00.000Z');
    // 00:30 BST on Friday 3 July (Thursday in UTC): Mon 6, Tue 7 July — not Fri 3, Mon 6.
    expect(deadline(new Date('2026-07-02T23:30:00Z'), 'ENGLAND')).toBe('2026-07-07T23:00:00.000Z');
    // 00:30 BST on Saturday (Friday in UTC) is a weekend arrival.
    expect(deadline(new Date('2026-07-10T23:30:00Z'), 'ENGLAND')).toBe('2026-07-14T23:00:00.000Z');
  });

  it('ends at UK midnight across the spring clock change (29 March 2026)', () => {
    // Thursday 26 March (GMT) → Fri 27, Mon 30 → Tuesday 31 March 00:00 BST.
    expect(deadline('2026-03-26T12:00', 'ENGLAND')).toBe('2026-03-30T23:00:00.000Z');
    // Friday 27 March (GMT) and Sunday 29 March either side of the change → Mon 30, Tue 31.
    expect(deadline('2026-03-27T23:59', 'ENGLAND')).toBe('2026-03-31T23:00:00.000Z');
    expect(deadline(new Date('2026-03-29T00:30:00Z'), 'ENGLAND')).toBe('2026-03-31T23:00:00.000Z'); // 00:30 GMT
    expect(deadline(new Date('2026-03-29T01:30:00Z'), 'ENGLAND')).toBe('2026-03-31T23:00:00.000Z'); // 02:30 BST
    // Saturday 28 March 23:30 GMT is still Saturday.
    expect(deadline(new Date('2026-03-28T23:30:00Z'), 'ENGLAND')).toBe('2026-03-31T23:00:00.000Z');
  });

  it('ends at UK midnight across the autumn clock change (25 October 2026)', () => {
    // Thursday 22 October (BST) → Fri 23, Mon 26 → Tuesday 27 October 00:00 GMT.
    expect(deadline('2026-10-22T14:00', 'ENGLAND')).toBe('2026-10-27T00:00:00.000Z');
    // Friday 23 October 23:59 BST (22:59 UTC) → Mon 26, Tue 27 → Wednesday 28 October 00:00 GMT.
    expect(deadline('2026-10-23T23:59', 'ENGLAND')).toBe('2026-10-28T00:00:00.000Z');
    // 01:30 on Sunday 25 October happens twice, once in BST and once in GMT: both are Sunday.
    expect(deadline(new Date('2026-10-25T00:30:00Z'), 'ENGLAND')).toBe('2026-10-28T00:00:00.000Z');
    expect(deadline(new Date('2026-10-25T01:30:00Z'), 'ENGLAND')).toBe('2026-10-28T00:00:00.000Z');
    // 23:30 UTC on Saturday 24 October is 00:30 BST on Sunday.
    expect(deadline(new Date('2026-10-24T23:30:00Z'), 'ENGLAND')).toBe('2026-10-28T00:00:00.000Z');
  });

  it('skips Good Friday and Easter Monday, but Scotland works on Easter Monday', () => {
    // In on Thursday 2 April 2026: Fri 3 and Mon 6 are holidays in England, Wales and Northern Ireland.
    for (const nation of ['ENGLAND', 'WALES', 'NORTHERN_IRELAND'] as const) {
      expect(reportingDueDate(uk('2026-04-02T09:00'), nation)).toBe('2026-04-08');
      expect(deadline('2026-04-02T09:00', nation)).toBe('2026-04-08T23:00:00.000Z');
    }
    expect(reportingDueDate(uk('2026-04-02T09:00'), 'SCOTLAND')).toBe('2026-04-07');
    expect(deadline('2026-04-02T09:00', 'SCOTLAND')).toBe('2026-04-07T23:00:00.000Z');
    // A load that arrives on the bank holiday itself counts from the next day.
    expect(reportingDueDate(uk('2026-04-03T11:00'), 'ENGLAND')).toBe('2026-04-08');
    expect(reportingDueDate(uk('2026-05-04T11:00'), 'ENGLAND')).toBe('2026-05-06');
  });

  it("skips St Andrew's Day in Scotland only, with its substitute when it falls at a weekend", () => {
    // 30 Nov 2025 is a Sunday: Monday 1 December is the holiday.
    expect(reportingDueDate(uk('2025-11-28T16:00'), 'SCOTLAND')).toBe('2025-12-03');
    expect(reportingDueDate(uk('2025-11-28T16:00'), 'ENGLAND')).toBe('2025-12-02');
    // 30 Nov 2026 is a Monday.
    expect(deadline('2026-11-27T23:30', 'SCOTLAND')).toBe('2026-12-03T00:00:00.000Z');
    expect(deadline('2026-11-27T23:30', 'NORTHERN_IRELAND')).toBe('2026-12-02T00:00:00.000Z');
  });

  it('skips 12 July (and its Monday substitute) in Northern Ireland only', () => {
    // 12 July 2026 is a Sunday: Monday 13 is the holiday.
    expect(deadline('2026-07-10T23:59', 'NORTHERN_IRELAND')).toBe('2026-07-15T23:00:00.000Z');
    expect(deadline('2026-07-10T23:59', 'ENGLAND')).toBe('2026-07-14T23:00:00.000Z');
    // 12 July 2025 is a Saturday: Monday 14.
    expect(reportingDueDate(uk('2025-07-11T12:00'), 'NORTHERN_IRELAND')).toBe('2025-07-16');
    // 12 July 2027 is itself a Monday.
    expect(reportingDueDate(uk('2027-07-09T12:00'), 'NORTHERN_IRELAND')).toBe('2027-07-14');
    expect(reportingDueDate(uk('2027-07-09T12:00'), 'SCOTLAND')).toBe('2027-07-13');
  });

  it("skips St Patrick's Day in Northern Ireland only", () => {
    // Tuesday 17 March 2026.
    expect(deadline('2026-03-16T10:00', 'NORTHERN_IRELAND')).toBe('2026-03-20T00:00:00.000Z');
    expect(deadline('2026-03-16T10:00', 'ENGLAND')).toBe('2026-03-19T00:00:00.000Z');
  });

  it('follows each nation’s summer bank holiday and Scotland’s World Cup holiday', () => {
    // Scotland: first Monday of August (3 Aug 2026); elsewhere the last (31 Aug 2026).
    expect(reportingDueDate(uk('2026-07-31T12:00'), 'SCOTLAND')).toBe('2026-08-05');
    expect(reportingDueDate(uk('2026-07-31T12:00'), 'ENGLAND')).toBe('2026-08-04');
    expect(reportingDueDate(uk('2026-08-28T12:00'), 'ENGLAND')).toBe('2026-09-02');
    expect(reportingDueDate(uk('2026-08-28T12:00'), 'SCOTLAND')).toBe('2026-09-01');
    // Monday 15 June 2026, Scotland only.
    expect(deadline('2026-06-12T15:00', 'SCOTLAND')).toBe('2026-06-17T23:00:00.000Z');
    expect(deadline('2026-06-12T15:00', 'WALES')).toBe('2026-06-16T23:00:00.000Z');
  });

  it('runs through Christmas and New Year, substitute days included', () => {
    // 2026: Christmas Friday, Boxing Day Saturday → Monday 28 December.
    expect(deadline('2026-12-23T10:00', 'ENGLAND')).toBe('2026-12-30T00:00:00.000Z'); // Thu 24, Tue 29
    expect(deadline('2026-12-24T10:00', 'ENGLAND')).toBe('2026-12-31T00:00:00.000Z'); // Tue 29, Wed 30
    // Across the year: New Year's Day Friday 1 Jan 2027; Scotland's 2 January (Saturday) → Monday 4.
    expect(deadline('2026-12-30T10:00', 'ENGLAND')).toBe('2027-01-05T00:00:00.000Z'); // Thu 31, Mon 4
    expect(deadline('2026-12-30T10:00', 'SCOTLAND')).toBe('2027-01-06T00:00:00.000Z'); // Thu 31, Tue 5
    // 2027: Christmas Saturday, Boxing Day Sunday → Monday 27 and Tuesday 28 December.
    expect(reportingDueDate(uk('2027-12-24T10:00'), 'NORTHERN_IRELAND')).toBe('2027-12-30');
    // 2028: 1 January Saturday → Monday 3; Scotland's 2 January Sunday → Tuesday 4.
    expect(reportingDueDate(uk('2027-12-30T10:00'), 'ENGLAND')).toBe('2028-01-04'); // Fri 31, Tue 4
    expect(reportingDueDate(uk('2027-12-30T10:00'), 'SCOTLAND')).toBe('2028-01-05'); // Fri 31, Wed 5
  });

  it('always ends at a UK midnight, two working days after the day of arrival (2024–2028, every nation)', () => {
    const wrong: string[] = [];
    for (const nation of ALL) {
      for (let day = '2024-01-01'; day <= '2028-12-31'; day = addDays(day, 1)) {
        const end = reportingDeadline(uk(`${day}T12:00`), nation);
        const lastDay = addDays(ukCalendarDate(end), -1);
        let between = 0;
        for (let d = addDays(day, 1); d < lastDay; d = addDays(d, 1)) if (isWorkingDay(d, nation)) between += 1;
        if (instantToUkLocal(end).slice(11) !== '00:00' || !isWorkingDay(lastDay, nation) || between !== 1) {
          wrong.push(`${nation} ${day} → ${end.toISOString()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 30_000); // ~7,300 deadlines through Intl: a few seconds on a slow machine

  it('refuses an invalid date', () => {
    expect(() => reportingDeadline(new Date('nonsense'), 'ENGLAND')).toThrow(RangeError);
  });
});

describe('isWorkingDay and addWorkingDays', () => {
  it('leaves out weekends and the nation’s bank holidays', () => {
    expect(isWorkingDay('2026-11-27', 'ENGLAND')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28', 'ENGLAND')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29', 'ENGLAND')).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-30', 'ENGLAND')).toBe(true);
    expect(isWorkingDay('2026-11-30', 'SCOTLAND')).toBe(false); // St Andrew's Day
    expect(isWorkingDay('2026-04-06', 'SCOTLAND')).toBe(true); // Easter Monday
    expect(isWorkingDay('2026-04-06', 'WALES')).toBe(false);
    expect(isWorkingDay('2026-03-17', 'NORTHERN_IRELAND')).toBe(false);
    expect(isWorkingDay('2026-01-02', 'SCOTLAND')).toBe(false);
    expect(isWorkingDay('2026-01-02', 'NORTHERN_IRELAND')).toBe(true);
  });

  it('never counts the starting day and refuses bad input', () => {
    expect(addWorkingDays('2026-11-30', 1, 'ENGLAND')).toBe('2026-12-01');
    expect(addWorkingDays('2026-11-28', 1, 'ENGLAND')).toBe('2026-11-30');
    expect(addWorkingDays('2026-12-24', 3, 'ENGLAND')).toBe('2026-12-31');
    expect(() => addWorkingDays('2026-11-30', 0, 'ENGLAND')).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-30', 1.5, 'ENGLAND')).toThrow(RangeError);
    expect(() => isWorkingDay('30/11/2026', 'ENGLAND')).toThrow(RangeError);
    expect(() => isWorkingDay('2026-02-29', 'ENGLAND')).toThrow(RangeError);
  });

  it('finds the start of a UK day in GMT and in BST', () => {
    expect(ukStartOfDay('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(ukStartOfDay('2026-07-15').toISOString()).toBe('2026-07-14T23:00:00.000Z');
    expect(ukStartOfDay('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z'); // clocks go forward at 01:00
    expect(ukStartOfDay('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(ukStartOfDay('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z'); // clocks go back at 02:00 BST
    expect(ukStartOfDay('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});

describe('deadlineStatus', () => {
  // In on Monday 23 November 2026 → due by the end of Wednesday 25 (Thursday 00:00 GMT).
  const due = reportingDeadline(uk('2026-11-23T09:00'), 'ENGLAND');

  it('is later, then due tomorrow, then due today, then overdue, by UK day', () => {
    expect(deadlineStatus(due, uk('2026-11-23T09:00'))).toBe('later');
    expect(deadlineStatus(due, new Date(uk('2026-11-24T00:00').getTime() - 1))).toBe('later');
    expect(deadlineStatus(due, uk('2026-11-24T00:00'))).toBe('due-tomorrow');
    expect(deadlineStatus(due, new Date(uk('2026-11-25T00:00').getTime() - 1))).toBe('due-tomorrow');
    expect(deadlineStatus(due, uk('2026-11-25T00:00'))).toBe('due-today');
    expect(deadlineStatus(due, new Date(due.getTime() - 1))).toBe('due-today');
    expect(deadlineStatus(due, due)).toBe('overdue');
    expect(deadlineStatus(due, uk('2027-01-01T00:00'))).toBe('overdue');
  });

  it('counts UK days, not UTC days, in BST', () => {
    // In on Friday 10 July 2026 → due by the end of Tuesday 14 (Wednesday 00:00 BST = 23:00 UTC).
    const summer = reportingDeadline(uk('2026-07-10T23:59'), 'ENGLAND');
    expect(summer.toISOString()).toBe('2026-07-14T23:00:00.000Z');
    expect(deadlineStatus(summer, new Date('2026-07-12T22:59:59.999Z'))).toBe('later'); // Sun 23:59 BST
    expect(deadlineStatus(summer, new Date('2026-07-12T23:00:00Z'))).toBe('due-tomorrow'); // Mon 00:00 BST
    expect(deadlineStatus(summer, new Date('2026-07-13T22:59:59.999Z'))).toBe('due-tomorrow'); // Mon 23:59 BST
    expect(deadlineStatus(summer, new Date('2026-07-13T23:00:00Z'))).toBe('due-today'); // Tue 00:00 BST
    expect(deadlineStatus(summer, new Date('2026-07-14T22:59:59.999Z'))).toBe('due-today');
    expect(deadlineStatus(summer, new Date('2026-07-14T23:00:00Z'))).toBe('overdue');
  });

  it('counts the long day when the clocks go back', () => {
    // Due by the end of Monday 26 October 2026 (Tuesday 00:00 GMT); Sunday 25 lasts 25 hours.
    const autumn = reportingDeadline(uk('2026-10-22T14:00'), 'ENGLAND');
    expect(deadlineStatus(autumn, new Date('2026-10-24T22:59:59.999Z'))).toBe('later'); // Sat 23:59 BST
    expect(deadlineStatus(autumn, new Date('2026-10-24T23:00:00Z'))).toBe('due-tomorrow'); // Sun 00:00 BST
    expect(deadlineStatus(autumn, new Date('2026-10-25T23:59:59.999Z'))).toBe('due-tomorrow'); // Sun 23:59 GMT
    expect(deadlineStatus(autumn, new Date('2026-10-26T00:00:00Z'))).toBe('due-today');
    expect(deadlineStatus(autumn, new Date('2026-10-27T00:00:00Z'))).toBe('overdue');
  });

  it('works for a deadline that is not at midnight, and refuses invalid dates', () => {
    const midAfternoon = uk('2026-11-25T15:00');
    expect(deadlineStatus(midAfternoon, uk('2026-11-25T08:00'))).toBe('due-today');
    expect(deadlineStatus(midAfternoon, uk('2026-11-24T23:00'))).toBe('due-tomorrow');
    expect(deadlineStatus(midAfternoon, uk('2026-11-25T15:00'))).toBe('overdue');
    expect(() => deadlineStatus(new Date(NaN), new Date())).toThrow(RangeError);
    expect(() => deadlineStatus(due, new Date(NaN))).toThrow(RangeError);
  });
});
