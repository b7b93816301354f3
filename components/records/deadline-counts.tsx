// The manager's five figures on the home page, each a link to the list filtered to exactly those loads.
import Link from 'next/link';
import type { RecordDeadlineCounts } from '@/lib/records/service';
import { formatCount } from './format';

export const DEADLINE_COUNT_LINKS: { key: keyof RecordDeadlineCounts; label: string; href: string; urgent?: boolean }[] = [
  { key: 'overdue', label: 'Overdue', href: '/loads?deadline=overdue', urgent: true },
  { key: 'dueToday', label: 'Due today', href: '/loads?deadline=due-today', urgent: true },
  { key: 'dueTomorrow', label: 'Due tomorrow', href: '/loads?deadline=due-tomorrow' },
  { key: 'pending', label: 'Waiting to send', href: '/loads?status=pending' },
  { key: 'needsAttention', label: 'Needs attention', href: '/loads?status=needs-attention', urgent: true },
];

export function DeadlineCounts({ counts }: { counts: RecordDeadlineCounts }) {
  return (
    <ul className="mb-3 grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {DEADLINE_COUNT_LINKS.map(({ key, label, href, urgent }) => (
        <li key={key} className={`border p-3 ${urgent && counts[key] > 0 ? 'border-l-8 border-danger-700' : 'border-slate-300'}`}>
          <Link href={href} className="block text-brand-700 underline">
            <span className="block text-3xl font-bold">{formatCount(counts[key])}</span>
            {label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
