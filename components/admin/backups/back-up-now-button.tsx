'use client';
// Takes a backup now (in the background on the server); the page then shows it running.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startBackupAction } from '@/lib/backup/actions';
import { Button } from '@/components/forms/button';

export function BackUpNowButton({ running }: { running: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="mb-8">
      <Button
        disabled={busy || running}
        onClick={async () => {
          setBusy(true);
          const result = await startBackupAction({});
          setBusy(false);
          setMessage(
            result.ok
              ? { ok: true, text: 'Backup started. Refresh this page to see when it has finished and been checked.' }
              : { ok: false, text: result.formError ?? 'The backup could not be started.' },
          );
          router.refresh();
        }}
      >
        {running ? 'A backup is running…' : 'Back up now'}
      </Button>
      <div role="status" className="mt-3">
        {message && <p className={message.ok ? 'border-l-4 border-brand-600 bg-brand-50 p-3' : 'border-l-4 border-red-700 bg-red-50 p-3'}>{message.text}</p>}
      </div>
    </div>
  );
}
