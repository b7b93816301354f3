'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { backupSettingsSchema, type BackupSettings } from './schema';
import { saveBackupSettings, startBackup } from './service';

/** Save when, where and for how long backups are kept (archiving follows the folder at once). */
export async function saveBackupSettingsAction(input: unknown): Promise<ActionResult<BackupSettings>> {
  return runAction({ permission: 'backups.manage', schema: backupSettingsSchema, input }, async ({ actor, input }) => {
    const saved = await saveBackupSettings({ actor, input });
    revalidatePath('/admin/backups');
    revalidatePath('/');
    return saved;
  });
}

/** Take a backup now, in the background; the page shows it running, then its result. */
export async function startBackupAction(input: unknown): Promise<ActionResult<{ started: true }>> {
  return runAction({ permission: 'backups.manage', schema: z.object({}), input }, async ({ actor }) => {
    const started = await startBackup({ actor });
    revalidatePath('/admin/backups');
    return started;
  });
}
