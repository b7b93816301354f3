'use client';
// A manager's decision on a load whose POST may have reached DWT without an answer. Nobody can check:
// DWT (live and test) offers no way to look a movement up, and it does not refuse a second POST with the
// same yourUniqueReference. A missing record breaks the two-working-day rule while a duplicate can be
// explained, so the panel recommends sending again; the load is then marked as a possible duplicate in
// its history, on its ticket and in exports (lib/delivery/service.ts sendAgainAsNew).
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { recordWasteTrackingIdAction, sendAgainAsNewAction } from '@/lib/delivery/actions';
import type { DwtEnvironment } from '@/lib/dwt/servers';
import { ErrorSummary } from './forms/error-summary';
import { TextField } from './forms/text-field';
import { Button } from '@/components/forms/button';

/** Why nobody can check, in the words of the DWT this installation talks to. */
const NO_LOOK_UP: Record<DwtEnvironment, string> = {
  production:
    'There is no way to check. DWT offers no way to look a load up, and it does not refuse a second send of the same ticket, so sending again cannot be stopped by DWT either.',
  test: 'There is no way to check. DWT’s test environment, like the live service, offers no way to look a load up, and it does not refuse a second send of the same ticket.',
  sandbox:
    'There is no way to check. This installation sends to Weighbook’s built-in practice sandbox, not to DWT; like DWT, it offers no way to look a load up and does not refuse a second send of the same ticket.',
};

export function CheckNeededPanel({
  loadId,
  ticketNumber,
  receivedAt,
  environment,
}: {
  loadId: string;
  ticketNumber: string;
  receivedAt: string;
  environment: DwtEnvironment;
}) {
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
    <section aria-labelledby="check-heading" className="mb-6 max-w-3xl border-4 border-danger-700 bg-white p-4">
      <h2 id="check-heading" className="mb-2 text-xl font-bold">
        Check needed: DWT may already have this load
      </h2>
      <p className="mb-3">
        We sent ticket {ticketNumber} ({receivedAt}) to DWT but no answer came back, so DWT may or may not have stored it.
      </p>
      <p className="mb-3">{NO_LOOK_UP[environment]}</p>
      <p className="mb-3">
        <strong>We recommend sending it again.</strong> A missing record breaks the rule to report within two working days; a duplicate record can be explained.
        The load will be marked as a possible duplicate at DWT in its history, on its ticket and in exports, so you can explain it to the regulator.
      </p>
      <ErrorSummary errors={error ? [{ fieldId: error.field ? 'field-wasteTrackingId' : undefined, message: error.message }] : []} />
      <p className="mb-5">
        <Button disabled={pending} onClick={() => run(() => sendAgainAsNewAction({ loadId }))}>
          Send it again (recommended)
        </Button>
      </p>
      <h3 className="mb-1 text-lg font-bold">If you already have DWT’s waste tracking ID for this load</h3>
      <p className="mb-3">Only if you are sure it is the ID DWT gave for this load. Recording it marks the load as sent; nothing is sent again.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run(() => recordWasteTrackingIdAction({ loadId, wasteTrackingId: id }));
        }}
      >
        <TextField
          name="wasteTrackingId"
          label="DWT’s waste tracking ID for this load"
          hint="Like 26HRA0B2"
          autoComplete="off"
          value={id}
          onChange={(e) => setId(e.target.value)}
          error={error?.field ? error.message : undefined}
        />
        <Button type="submit" disabled={pending} variant="secondary">
          Record this waste tracking ID
        </Button>
      </form>
    </section>
  );
}
