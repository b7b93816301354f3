// The manager's six figures on the home page, each a link to the list filtered to exactly those loads.
import Link from 'next/link';
import type { RecordDeadlineCounts } from '@/lib/records/service';
import { formatCount } from './format';

export const DEADLINE_COUNT_LINKS: { key: Exclude<keyof RecordDeadlineCounts, 'codesOverdue'>; label: string; href: string; urgent?: boolean }[] = [
  { key: 'overdue', label: 'Overdue', href: '/loads?deadline=overdue', urgent: true },
  { key: 'dueToday', label: 'Due today', href: '/loads?deadline=due-today', urgent: true },
  { key: 'dueTomorrow', label: 'Due tomorrow', href: '/loads?deadline=due-tomorrow' },
  { key: 'pending', label: 'Waiting to send', href: '/loads?status=pending' },
  { key: 'needsAttention', label: 'Needs attention', href: '/loads?status=needs-attention', urgent: true },
  // Sent without disposal or recovery codes: they must follow by the same deadline (urgent once overdue).
  { key: 'codesToFollow', label: 'Codes to follow', href: '/loads?codes=to-follow' },
];

export function DeadlineCounts({ counts }: { counts: RecordDeadlineCounts }) {
  return (
    <ul className="mb-3 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {DEADLINE_COUNT_LINKS.map(({ key, label, href, urgent }) => {
        const alarm = (urgent && counts[key] > 0) || (key === 'codesToFollow' && counts.codesOverdue > 0);
        return (
          <li key={key} className={`border p-3 ${alarm ? 'border-l-8 border-danger-700' : 'border-slate-300'}`}>
            <Link href={href} className="block text-brand-700 underline">
              <span className="block text-3xl font-bold">{formatCount(counts[key])}</span>
              {label}
              {key === 'codesToFollow' && counts.codesOverdue > 0 && <span className="block font-semibold">{formatCount(counts.codesOverdue)} overdue</span>}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
