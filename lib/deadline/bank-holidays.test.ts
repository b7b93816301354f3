import { describe, expect, it } from 'vitest';
import { bankHolidays, calendarForNation, computeBankHolidays, easterSunday, isBankHoliday, ONE_OFF_CHANGES, type Nation } from './bank-holidays';

const dates = (year: number, nation: Nation) => bankHolidays(year, nation).map((h) => h.date);

// The lists gov.uk publishes (www.gov.uk/bank-holidays), written out by hand, not computed.
const PUBLISHED: Record<'england-and-wales' | 'scotland' | 'northern-ireland', Record<number, string[]>> = {
  'england-and-wales': {
    2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
    2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  },
  scotland: {
    2024: ['2024-01-01', '2024-01-02', '2024-03-29', '2024-05-06', '2024-05-27', '2024-08-05', '2024-12-02', '2024-12-25', '2024-12-26'],
    2025: ['2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26'],
    // 15 June: the one-off World Cup bank holiday proclaimed in February 2026.
    2026: ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-06-15', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-01-04', '2027-03-26', '2027-05-03', '2027-05-31', '2027-08-02', '2027-11-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26'],
  },
  'northern-ireland': {
    2024: ['2024-01-01', '2024-03-18', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-07-12', '2024-08-26', '2024-12-25', '2024-12-26'],
    2025: ['2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-17', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-07-12', '2027-08-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-03-17', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-07-12', '2028-08-28', '2028-12-25', '2028-12-26'],
  },
};

const NATIONS_BY_CALENDAR = {
  'england-and-wales': ['ENGLAND', 'WALES'],
  scotland: ['SCOTLAND'],
  'northern-ireland': ['NORTHERN_IRELAND'],
} as const;

describe('Easter', () => {
  it('falls where the published tables put it, including the earliest and latest possible dates', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22', // earliest possible
      1943: '1943-04-25', // latest possible
      2000: '2000-04-23',
      2008: '2008-03-23',
      2011: '2011-04-24',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2028: '2028-04-16',
      2029: '2029-04-01',
      2030: '2030-04-21',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year)), year).toBe(date);
  });
});

describe('bank holidays by nation', () => {
  for (const [calendar, years] of Object.entries(PUBLISHED)) {
    for (const [year, expected] of Object.entries(years)) {
      it(`${calendar} ${year} matches the published list`, () => {
        for (const nation of NATIONS_BY_CALENDAR[calendar as keyof typeof NATIONS_BY_CALENDAR]) {
          expect(dates(Number(year), nation), nation).toEqual(expected);
        }
      });
    }
  }

  it('maps Wales onto the England and Wales calendar', () => {
    expect(calendarForNation('ENGLAND')).toBe('england-and-wales');
    expect(calendarForNation('WALES')).toBe('england-and-wales');
    expect(calendarForNation('SCOTLAND')).toBe('scotland');
    expect(calendarForNation('NORTHERN_IRELAND')).toBe('northern-ireland');
  });

  it('names substitute days after the day they stand in for', () => {
    expect(bankHolidays(2026, 'ENGLAND').at(-1)).toEqual({ date: '2026-12-28', name: 'Boxing Day (substitute day)' });
    expect(bankHolidays(2027, 'ENGLAND').slice(-2)).toEqual([
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    expect(bankHolidays(2028, 'SCOTLAND').slice(0, 2)).toEqual([
      { date: '2028-01-03', name: "New Year's Day (substitute day)" },
      { date: '2028-01-04', name: '2nd January (substitute day)' },
    ]);
    expect(bankHolidays(2025, 'SCOTLAND').find((h) => h.date === '2025-12-01')?.name).toBe("St Andrew's Day (substitute day)");
    expect(bankHolidays(2026, 'NORTHERN_IRELAND').find((h) => h.date === '2026-07-13')?.name).toMatch(/^Battle of the Boyne.*substitute day/);
  });

  it('gives Christmas on a Sunday its substitute after Boxing Day, and a Sunday 1 January in Scotland after 2 January', () => {
    // 25 December 2033 and 1 January 2034 are Sundays.
    expect(dates(2033, 'ENGLAND').slice(-2)).toEqual(['2033-12-26', '2033-12-27']);
    expect(bankHolidays(2033, 'ENGLAND').at(-1)?.name).toBe('Christmas Day (substitute day)');
    expect(dates(2034, 'ENGLAND')[0]).toBe('2034-01-02');
    expect(dates(2034, 'SCOTLAND').slice(0, 2)).toEqual(['2034-01-02', '2034-01-03']);
  });

  it('keeps working after the years checked by hand', () => {
    expect(dates(2031, 'ENGLAND')).toEqual(['2031-01-01', '2031-04-11', '2031-04-14', '2031-05-05', '2031-05-26', '2031-08-25', '2031-12-25', '2031-12-26']);
    // 30 November 2031 is a Sunday.
    expect(dates(2031, 'SCOTLAND')).toContain('2031-12-01');
    expect(dates(2031, 'SCOTLAND')).not.toContain('2031-11-30');
  });

  it('applies the known one-off changes, each to its own calendars only', () => {
    expect(isBankHoliday('2026-06-15', 'SCOTLAND')).toBe(true);
    for (const nation of ['ENGLAND', 'WALES', 'NORTHERN_IRELAND'] as const) expect(isBankHoliday('2026-06-15', nation)).toBe(false);
    for (const nation of ['ENGLAND', 'SCOTLAND', 'NORTHERN_IRELAND'] as const) {
      expect(isBankHoliday('2020-05-04', nation)).toBe(false); // moved to VE Day
      expect(isBankHoliday('2020-05-08', nation)).toBe(true);
      expect(isBankHoliday('2022-05-30', nation)).toBe(false); // moved for the Platinum Jubilee
      expect(dates(2022, nation)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
      expect(isBankHoliday('2023-05-08', nation)).toBe(true);
    }
    // Every change in the table lands: a typo in a date would otherwise pass unnoticed.
    for (const change of ONE_OFF_CHANGES) {
      expect(change.calendars.length).toBeGreaterThan(0);
      for (const calendar of change.calendars) {
        const date = change.kind === 'add' ? change.date : change.to;
        const year = Number(date.slice(0, 4));
        expect(
          computeBankHolidays(year, calendar).map((h) => h.date),
          `${calendar} ${date}`,
        ).toContain(date);
        if (change.kind === 'move') expect(computeBankHolidays(year, calendar, []).map((h) => h.date)).toContain(change.from);
      }
    }
  });

  it('takes a table of one-off changes for years nobody has proclaimed yet', () => {
    const changes = [
      { kind: 'move', from: '2031-05-05', to: '2031-05-09', calendars: ['england-and-wales'] },
      { kind: 'add', date: '2031-06-06', name: 'Test jubilee', calendars: ['england-and-wales', 'scotland'] },
    ] as const;
    const ew = computeBankHolidays(2031, 'england-and-wales', changes);
    expect(ew.map((h) => h.date)).toEqual(expect.arrayContaining(['2031-05-09', '2031-06-06']));
    expect(ew.find((h) => h.date === '2031-05-09')?.name).toBe('Early May bank holiday');
    expect(ew.map((h) => h.date)).not.toContain('2031-05-05');
    const ni = computeBankHolidays(2031, 'northern-ireland', changes).map((h) => h.date);
    expect(ni).toContain('2031-05-05');
    expect(ni).not.toContain('2031-06-06');
    expect(computeBankHolidays(2032, 'scotland', changes).map((h) => h.date)).not.toContain('2032-06-06');
  });

  it('answers by date across the year boundary and refuses what is not a date', () => {
    expect(isBankHoliday('2027-12-28', 'WALES')).toBe(true);
    expect(isBankHoliday('2028-01-03', 'WALES')).toBe(true);
    expect(isBankHoliday('2028-01-04', 'WALES')).toBe(false);
    expect(isBankHoliday('2028-01-04', 'SCOTLAND')).toBe(true);
    for (const bad of ['', '2026-02-30', '26-12-25', '2026-12-25T00:00']) expect(() => isBankHoliday(bad, 'ENGLAND')).toThrow(RangeError);
    expect(() => bankHolidays(2026.5, 'ENGLAND')).toThrow(RangeError);
  });
});
