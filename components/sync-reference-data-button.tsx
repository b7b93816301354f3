'use client';
import { useState, useTransition } from 'react';
import { syncReferenceDataAction } from '@/lib/dwt-settings/actions';

export function SyncReferenceDataButton() {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
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
        className="bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {pending ? 'Syncing…' : 'Sync reference data now'}
      </button>
      <p role="status" className="mt-2">
        {message}
      </p>
    </div>
  );
}
