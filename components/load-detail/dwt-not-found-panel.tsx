'use client';
// DWT answered a correction (PUT) with 404: it does not know the waste tracking id we hold. A manager
// may send the load as new (a POST, which gets a new id); the old id stays in the audit history.
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { ErrorSummary } from '@/components/forms/error-summary';
import { sendAgainAsNewAction } from '@/lib/delivery/actions';
import { Button } from '@/components/forms/button';

export function DwtNotFoundPanel({
  loadId,
  ticketNumber,
  wasteTrackingId,
  mayAct,
}: {
  loadId: string;
  ticketNumber: string;
  wasteTrackingId: string;
  mayAct: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const send = () =>
    start(async () => {
      const result = await sendAgainAsNewAction({ loadId });
      if (result.ok) {
        setError(null);
        setConfirming(false);
        router.refresh();
      } else setError(result.formError ?? 'That did not work.');
    });

  return (
    <section aria-labelledby="not-found-heading" className="mb-6 max-w-3xl border-4 border-danger-700 bg-white p-4">
      <h2 id="not-found-heading" className="mb-2 text-xl font-bold">
        DWT does not know this waste tracking id ({wasteTrackingId})
      </h2>
      <p className="mb-3">
        We sent a correction of this load to DWT as an update of {wasteTrackingId}, and DWT answered that it has no load with that id, so nothing was updated.
        The load is saved here as it is.
      </p>
      <ErrorSummary errors={error ? [{ message: error }] : []} />
      {!mayAct ? (
        <p>A manager can send it to DWT as a new load.</p>
      ) : !confirming ? (
        <Button
          disabled={pending}
          onClick={() => {
            setConfirming(true);
            setTimeout(() => confirmRef.current?.focus(), 0);
          }}
        >
          Send it to DWT as a new load
        </Button>
      ) : (
        <div role="group" aria-labelledby="not-found-confirm" className="border-l-4 border-slate-400 pl-3">
          <p id="not-found-confirm" className="mb-2 font-semibold">
            Send ticket {ticketNumber} to DWT as a new load? DWT will give it a new waste tracking id; {wasteTrackingId} is kept in the history.
          </p>
          <p className="flex flex-wrap gap-3">
            <Button ref={confirmRef} disabled={pending} onClick={send}>
              {pending ? 'Sending…' : 'Yes, send it as a new load'}
            </Button>
            <Button disabled={pending} variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </p>
        </div>
      )}
    </section>
  );
}
