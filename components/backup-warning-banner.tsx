// The home page's warning to admins and managers: no checked backup for 48 hours, the folder gone or
// nearly full, or the last backup failed. Renders nothing when all is well.
import Link from 'next/link';
import type { BackupWarning } from '@/lib/backup/schema';

export function BackupWarningBanner({ warnings, canManage }: { warnings: BackupWarning[]; canManage: boolean }) {
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="backup-warning-heading" className="mb-6 border-l-8 border-red-700 bg-red-50 p-4">
      <h2 id="backup-warning-heading" className="mb-2 text-lg font-bold text-red-900">
        Backups need attention
      </h2>
      <ul className="mb-2 list-disc pl-6">
        {warnings.map((w) => (
          <li key={w.code}>{w.message}</li>
        ))}
      </ul>
      {canManage ? (
        <Link href="/admin/backups" className="font-semibold text-brand-700 underline">
          Go to Backups
        </Link>
      ) : (
        <p>Tell your administrator: the site’s records are not safely copied anywhere.</p>
      )}
    </section>
  );
}
