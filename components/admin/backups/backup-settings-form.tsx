'use client';
// When the nightly backup runs, where it goes and how long backups are kept.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { saveBackupSettingsAction } from '@/lib/backup/actions';
import { backupSettingsSchema, type BackupSettings } from '@/lib/backup/schema';
import { Button } from '@/components/forms/button';

type Values = { time: string; folder: string; keepDays: string };

export function BackupSettingsForm({ settings, defaultFolder }: { settings: BackupSettings; defaultFolder: string }) {
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(backupSettingsSchema as never),
    shouldFocusError: false,
    defaultValues: { time: settings.time, folder: settings.folder, keepDays: String(settings.keepDays) },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    const result = await saveBackupSettingsAction(values);
    if (applyResult(result)) setSaved(true);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="backup-settings-heading" className="mb-8 max-w-3xl border border-slate-300 bg-white p-5">
      <h2 id="backup-settings-heading" className="mb-2 text-xl font-bold">
        Backup settings
      </h2>
      <ErrorSummary errors={summary} />
      {saved && (
        <p role="status" className="mb-4 border-l-4 border-brand-600 bg-brand-50 p-3">
          Saved. The next backup and the WAL archive use these settings.
        </p>
      )}
      <TextField
        label="Time of the nightly backup"
        hint="24-hour UK time, such as 02:30"
        className="max-w-32"
        error={errors.time?.message}
        {...form.register('time')}
      />
      <TextField
        label="Backup folder"
        hint={`A second disk, a USB drive or a network share, as a full path. Blank: ${defaultFolder} (the same disk as the database).`}
        error={errors.folder?.message}
        {...form.register('folder')}
      />
      <TextField label="Days to keep backups" inputMode="numeric" className="max-w-32" error={errors.keepDays?.message} {...form.register('keepDays')} />
      <Button type="submit" disabled={isSubmitting}>
        Save backup settings
      </Button>
    </form>
  );
}
