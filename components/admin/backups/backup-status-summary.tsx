// What an admin needs to know about backups at a glance: the last one, its size and place, whether it
// was restored and matched, the next one, the WAL archive; or, with DATABASE_URL, whose job they are.
import type { BackupRunView, BackupStatusView } from '@/lib/backup/schema';
import { formatUkDateTime } from '@/lib/time/uk-time';

const when = (iso: string | null) => (iso ? formatUkDateTime(new Date(iso)) : '—');

export function formatBytes(n: number | null): string {
  if (n === null) return '—';
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function checkText(r: BackupRunView): string {
  if (r.status === 'running') return 'Running…';
  if (r.status === 'failed') return `Failed: ${r.error ?? 'no reason recorded'}`;
  if (r.verified === null) return r.trigger === 'upgrade' ? 'Taken before an upgrade (not checked)' : 'Not checked yet';
  return r.verified ? 'Restored and matched' : `Did not restore cleanly: ${r.verifySummary ?? ''}`;
}

const triggerLabels: Record<BackupRunView['trigger'], string> = {
  schedule: 'Nightly',
  manual: 'Back up now',
  command: 'npm run backup',
  upgrade: 'Before an upgrade',
};

export function BackupStatusSummary({ status }: { status: BackupStatusView }) {
  if (status.mode === 'external') {
    return (
      <section aria-labelledby="backup-status-heading" className="mb-8 max-w-3xl border border-slate-300 bg-white p-5">
        <h2 id="backup-status-heading" className="mb-2 text-xl font-bold">
          Backups are your database operator’s job
        </h2>
        <p className="mb-3">
          Weighbook uses the PostgreSQL database given in DATABASE_URL, not its own. Weighbook cannot copy that database’s files, so it does not back it up:
          whoever runs the database must (for example with pg_basebackup and WAL archiving, or the hosting provider’s backups), and should test a restore.
        </p>
        <h3 className="mb-1 font-bold">What Weighbook can see of it</h3>
        <ul className="list-disc pl-6">
          {status.externalChecks.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </section>
    );
  }
  const last = status.lastRun;
  return (
    <>
      {status.warnings.length > 0 && (
        <section aria-labelledby="backup-problems-heading" className="mb-6 max-w-3xl border-l-8 border-red-700 bg-red-50 p-4">
          <h2 id="backup-problems-heading" className="mb-2 text-lg font-bold text-red-900">
            Needs attention
          </h2>
          <ul className="list-disc pl-6">
            {status.warnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="backup-status-heading" className="mb-6 max-w-3xl border border-slate-300 bg-white p-5">
        <h2 id="backup-status-heading" className="mb-3 text-xl font-bold">
          Status
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          <dt className="font-semibold">Last backup</dt>
          <dd>{last ? `${when(last.finishedAt ?? last.startedAt)} (${triggerLabels[last.trigger]})` : 'None yet'}</dd>
          <dt className="font-semibold">Size</dt>
          <dd>{formatBytes(last?.sizeBytes ?? null)}</dd>
          <dt className="font-semibold">Where</dt>
          <dd className="break-all">{last?.fileName ? `${last.folder}/${last.fileName}` : (status.folder?.path ?? '—')}</dd>
          <dt className="font-semibold">Checked</dt>
          <dd>{last ? checkText(last) : '—'}</dd>
          <dt className="font-semibold">Last checked backup</dt>
          <dd>{status.lastVerified ? when(status.lastVerified.finishedAt) : 'None yet'}</dd>
          <dt className="font-semibold">Next backup</dt>
          <dd>{when(status.nextRunAt)}</dd>
          <dt className="font-semibold">Encrypted</dt>
          <dd>{status.encrypted ? 'Yes (WEIGHBOOK_BACKUP_KEY)' : 'No: set WEIGHBOOK_BACKUP_KEY to encrypt backups'}</dd>
          <dt className="font-semibold">Folder</dt>
          <dd className="break-all">
            {status.folder?.path}
            {status.folder?.freeBytes !== undefined && ` (${formatBytes(status.folder.freeBytes)} free)`}
            {status.folder?.isDefault && ' — on the same disk as the database: choose another disk below.'}
          </dd>
          <dt className="font-semibold">WAL archive</dt>
          <dd>
            {status.wal.archiving
              ? `On: changes are copied to the folder’s wal sub-folder every few minutes (last ${when(status.wal.lastArchivedAt)}${status.wal.failedCount > 0 ? `; ${status.wal.failedCount} failures, last ${when(status.wal.lastFailedAt)}` : ''})`
              : 'Off (start Weighbook with npm start to turn it on)'}
          </dd>
        </dl>
      </section>
      {status.recentRuns.length > 0 && (
        <section aria-labelledby="backup-runs-heading" className="mb-8 max-w-4xl">
          <h2 id="backup-runs-heading" className="mb-2 text-xl font-bold">
            Recent backups
          </h2>
          <table className="w-full border-collapse bg-white text-left">
            <caption className="sr-only">Recent backups, newest first</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className="p-2">
                  Started
                </th>
                <th scope="col" className="p-2">
                  How
                </th>
                <th scope="col" className="p-2">
                  File
                </th>
                <th scope="col" className="p-2">
                  Size
                </th>
                <th scope="col" className="p-2">
                  Checked
                </th>
              </tr>
            </thead>
            <tbody>
              {status.recentRuns.map((r) => (
                <tr key={r.id} className="border-b border-slate-300 align-top">
                  <td className="p-2">{when(r.startedAt)}</td>
                  <td className="p-2">{triggerLabels[r.trigger]}</td>
                  <td className="p-2 break-all">{r.fileName ?? '—'}</td>
                  <td className="p-2">{formatBytes(r.sizeBytes)}</td>
                  <td className="p-2">{checkText(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
