'use client';
// A manager's decision on a load whose POST may have reached DWT without an answer.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { recordWasteTrackingIdAction, sendAgainAsNewAction } from '@/lib/delivery/actions';
import { ErrorSummary } from './forms/error-summary';
import { TextField } from './forms/text-field';
import { Button } from '@/components/forms/button';

export function CheckNeededPanel({ loadId, ticketNumber, receivedAt }: { loadId: string; ticketNumber: string; receivedAt: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [id, setId] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);

  const run = (action: () => ReturnType<typeof sendAgainAsNewAction>) =>
    start(async () => {
      const result = await action();
      if (result.ok) {
        setError(null);
        router.refresh();
      } else {
        const [field, messages] = Object.entries(result.fieldErrors ?? {})[0] ?? [];
        setError({ field, message: messages?.[0] ?? result.formError ?? 'That did not work.' });
      }
    });

  return (
    <section aria-labelledby="check-heading" className="mb-6 border-4 border-danger-700 bg-white p-4">
      <h2 id="check-heading" className="mb-2 text-xl font-bold">
        Check needed: DWT may already have this load
      </h2>
      <p className="mb-3 max-w-3xl">
        We sent ticket {ticketNumber} ({receivedAt}) to DWT but no answer came back, so DWT may or may not have stored it. Sending it again blindly could create
        a second record. Look for it in DWT’s service, then choose:
      </p>
      <ErrorSummary errors={error ? [{ fieldId: error.field ? 'field-wasteTrackingId' : undefined, message: error.message }] : []} />
      <form
        className="mb-4"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => recordWasteTrackingIdAction({ loadId, wasteTrackingId: id }));
        }}
      >
        <TextField
          name="wasteTrackingId"
          label="DWT has it: its waste tracking ID"
          hint="Like 26HRA0B2"
          autoComplete="off"
          value={id}
          onChange={(e) => setId(e.target.value)}
          error={error?.field ? error.message : undefined}
        />
        <Button type="submit" disabled={pending}>
          Record this waste tracking ID
        </Button>
      </form>
      <Button disabled={pending} onClick={() => run(() => sendAgainAsNewAction({ loadId }))} variant="secondary">
        DWT does not have it: send it again as new
      </Button>
    </section>
  );
}
