// The two-working-day reporting deadline of a load, in words (never colour alone).
import { deadlineStatus, type DeadlineStatus } from '@/lib/deadline';
import { formatUkDateTime } from '@/lib/time/uk-time';

const WORDS: Record<DeadlineStatus, string> = {
  overdue: 'Overdue',
  'due-today': 'Due today',
  'due-tomorrow': 'Due tomorrow',
  later: 'Not due yet',
};

export function LoadDeadline({ dueAt, sent, now = new Date() }: { dueAt: Date; sent: boolean; now?: Date }) {
  return (
    <p className="mb-4">
      <span className="font-semibold">Report to DWT by:</span> {formatUkDateTime(dueAt)}
      {sent ? ' (reported)' : ` (${WORDS[deadlineStatus(dueAt, now)]})`}
    </p>
  );
}
