// Backup settings and what the pages may know about backups. No server imports: the form uses this too.
import { z } from 'zod';

export const DEFAULT_BACKUP_TIME = '02:30';
export const DEFAULT_KEEP_DAYS = 14;
/** No verified backup for this long: the home page warns admins and managers. */
export const STALE_AFTER_HOURS = 48;

export const backupSettingsSchema = z.object({
  /** UK time of the nightly backup, "HH:MM". */
  time: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:MM in 24-hour UK time, such as 02:30'),
  /** Blank: the data folder's own backups folder. */
  folder: z
    .string()
    .trim()
    .max(500, 'The folder must be 500 characters or fewer')
    .refine((v) => v === '' || /^([A-Za-z]:[\\/]|\\\\|\/)/.test(v), 'Enter the folder as a full path, such as /mnt/backup-disk/weighbook or E:\\Weighbook')
    .refine((v) => !/['"%\n\r]/.test(v), 'The folder cannot contain quotes, % or line breaks'),
  keepDays: z.coerce
    .number({ message: 'Enter the number of days to keep backups' })
    .int('Enter a whole number of days')
    .min(1, 'Keep backups for at least 1 day')
    .max(3650, 'Keep backups for at most 3650 days'),
});

export type BackupSettingsInput = z.input<typeof backupSettingsSchema>;
export type BackupSettings = z.output<typeof backupSettingsSchema>;

export type BackupTrigger = 'schedule' | 'manual' | 'command' | 'upgrade';

export interface BackupRunView {
  id: string;
  trigger: BackupTrigger;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  folder: string;
  fileName: string | null;
  sizeBytes: number | null;
  encrypted: boolean;
  verified: boolean | null;
  verifySummary: string | null;
  error: string | null;
}

export interface FolderCheck {
  path: string;
  reachable: boolean;
  problem?: string;
  freeBytes?: number;
  totalBytes?: number;
  /** The data folder's own backups folder (same disk as the database). */
  isDefault: boolean;
}

export interface BackupWarning {
  code: 'no-verified-backup' | 'folder-unreachable' | 'folder-nearly-full' | 'last-backup-failed';
  message: string;
}

export interface BackupStatusView {
  /** embedded: Weighbook backs up its own database; external: DATABASE_URL, the operator's job. */
  mode: 'embedded' | 'external';
  settings: BackupSettings;
  folder: FolderCheck | null;
  encrypted: boolean;
  lastRun: BackupRunView | null;
  lastVerified: BackupRunView | null;
  nextRunAt: string | null;
  recentRuns: BackupRunView[];
  wal: { archiving: boolean; lastArchivedAt: string | null; failedCount: number; lastFailedAt: string | null; problem?: string };
  /** With DATABASE_URL: what the app can see of the database (plain-words lines). */
  externalChecks: string[];
  warnings: BackupWarning[];
}
