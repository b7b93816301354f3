// The two-working-day reporting deadline of a load, in words (never colour alone). `dueAt` is the
// instant the window closes (midnight UK time after the last day), so the day shown is the one before.
import { deadlineStatus, ukCalendarDate, type DeadlineStatus } from '@/lib/deadline';

const WORDS: Record<DeadlineStatus, string> = {
  overdue: 'overdue',
  'due-today': 'due today',
  'due-tomorrow': 'due tomorrow',
  later: 'not due yet',
};

const dayFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

export function LoadDeadline({ dueAt, sent, now = new Date() }: { dueAt: Date; sent: boolean; now?: Date }) {
  const lastDay = ukCalendarDate(new Date(dueAt.getTime() - 1));
  return (
    <p className="mb-4">
      <span className="font-semibold">Report to DWT by:</span> the end of {dayFormatter.format(new Date(`${lastDay}T12:00:00Z`))} (UK time)
      {sent ? ' – reported' : ` – ${WORDS[deadlineStatus(dueAt, now)]}`}
    </p>
  );
}
