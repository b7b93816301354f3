import type { Metadata } from 'next';
import { BackUpNowButton } from '@/components/admin/backups/back-up-now-button';
import { BackupSettingsForm } from '@/components/admin/backups/backup-settings-form';
import { BackupStatusSummary } from '@/components/admin/backups/backup-status-summary';
import { PageHeading } from '@/components/app-shell';
import { requirePermission } from '@/lib/auth/session';
import { defaultBackupFolder, getBackupStatus } from '@/lib/backup/service';

export const metadata: Metadata = { title: 'Backups' };
export const dynamic = 'force-dynamic';

export default async function BackupsPage() {
  const actor = await requirePermission('backups.manage');
  const status = await getBackupStatus({ actor });
  return (
    <>
      <PageHeading lead="Copies of the site’s records, made every night, checked by restoring them, and kept where a dead disk or a stolen PC cannot take them too.">
        Backups
      </PageHeading>
      <BackupStatusSummary status={status} />
      {status.mode === 'embedded' && (
        <>
          <BackUpNowButton running={status.lastRun?.status === 'running'} />
          <BackupSettingsForm settings={status.settings} defaultFolder={defaultBackupFolder()} />
        </>
      )}
    </>
  );
}
