'use client';
// What happened to the load the clerk just saved, said plainly.
import { useEffect, useRef } from 'react';
import { TrackingId } from '@/components/tracking-id';
import type { SubmitLoadResult } from '@/lib/loads/actions';
import { formatWeight } from '@/lib/loads/ticket';
import { Button } from '@/components/forms/button';
import { ButtonLink } from '@/components/forms/button-link';

const TITLES: Record<SubmitLoadResult['status'], string> = {
  SENT: 'Sent to DWT',
  PENDING: 'Saved – waiting to send',
  NEEDS_ATTENTION: 'Saved – needs attention',
  CHECK_NEEDED: 'Saved – check needed',
  DRAFT: 'Saved as a draft',
  ON_SITE: 'Saved – vehicle on site',
};

export function OutcomePanel({ result, onLogAnother }: { result: SubmitLoadResult; onLogAnother(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [result]);
  const good = result.status === 'SENT';
  const attention = result.status === 'NEEDS_ATTENTION' || result.status === 'CHECK_NEEDED';
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      aria-labelledby="outcome-title"
      className={`mb-6 border-4 p-5 ${good ? 'border-brand-600 bg-brand-50' : attention ? 'border-danger-700 bg-white' : 'border-slate-700 bg-white'}`}
    >
      <h2 id="outcome-title" className="text-2xl font-bold">
        {TITLES[result.status]}
      </h2>
      <p className="mt-1">
        Ticket <span className="font-semibold">{result.ticketNumber}</span>. {result.message}
      </p>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]" aria-label="Check with the driver">
        <dt className="font-semibold">Vehicle</dt>
        <dd className="text-2xl font-bold">{result.vehicleRegistration ?? 'Not by road'}</dd>
        <dt className="font-semibold">Net weight</dt>
        <dd className="text-2xl font-bold" data-testid="outcome-net-weight">
          {result.netWeight ? formatWeight(result.netWeight) : 'Not known'}
        </dd>
        {result.wasteTrackingId && (
          <>
            <dt className="font-semibold">Waste tracking ID</dt>
            <dd>
              <TrackingId id={result.wasteTrackingId} />
            </dd>
          </>
        )}
      </dl>
      {result.warnings.length > 0 && (
        <div className="mt-3">
          <h3 className="font-semibold">DWT’s warnings</h3>
          <ul className="list-disc pl-6">
            {result.warnings.map((w) => (
              <li key={`${w.key}-${w.message}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      {result.status !== 'NEEDS_ATTENTION' && (
        <div className="mt-4 flex flex-wrap gap-3">
          <ButtonLink href={`/loads/${result.loadId}/receipt`}>Print the weighbridge ticket</ButtonLink>
          <Button onClick={onLogAnother} variant="secondary">
            Log another load
          </Button>
          <ButtonLink href={`/loads/new?copy=${result.loadId}`} variant="secondary">
            Log a similar load
          </ButtonLink>
        </div>
      )}
    </div>
  );
}
