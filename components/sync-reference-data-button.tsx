'use client';
import { useState, useTransition } from 'react';
import { syncReferenceDataAction } from '@/lib/dwt-settings/actions';
import { Button } from '@/components/forms/button';

export function SyncReferenceDataButton() {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div>
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await syncReferenceDataAction({});
            if (!result.ok) setMessage(result.formError ?? 'The lists could not be synced.');
            else if (result.data.failed.length === 0) setMessage('All five lists are now as DWT serves them.');
            else
              setMessage(
                `Synced ${result.data.synced.length} of 5 lists. Kept the stored copy of: ${result.data.failed.map((f) => `${f.name} (${f.reason})`).join(', ')}.`,
              );
          })
        }
      >
        {pending ? 'Syncing…' : 'Sync reference data now'}
      </Button>
      <p role="status" className="mt-2">
        {message}
      </p>
    </div>
  );
}
