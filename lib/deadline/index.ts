// The DWT reporting deadline: two UK working days after the day a load arrives, per the site's
// nation. Pure code, no server imports: safe to use in server actions and in the browser alike.
export {
  addWorkingDays,
  deadlineStatus,
  isWorkingDay,
  REPORTING_WORKING_DAYS,
  reportingDeadline,
  reportingDueDate,
  ukCalendarDate,
  ukStartOfDay,
  type DeadlineStatus,
} from './deadline';
export {
  bankHolidays,
  calendarForNation,
  computeBankHolidays,
  easterSunday,
  HOLIDAY_CALENDARS,
  isBankHoliday,
  ONE_OFF_CHANGES,
  type BankHoliday,
  type HolidayCalendar,
  NATIONS,
  type Nation,
  type OneOffChange,
} from './bank-holidays';
