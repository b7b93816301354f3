import type { Metadata } from 'next';
import { orNotFound } from '@/lib/not-found';
import { PageHeading } from '@/components/app-shell';
import { CheckNeededPanel } from '@/components/check-needed-panel';
import { DwtMessages } from '@/components/load-detail/dwt-messages';
import { DwtNotFoundPanel } from '@/components/load-detail/dwt-not-found-panel';
import { OtherOrganisationPanel } from '@/components/load-detail/other-organisation-panel';
import { LoadDeadline } from '@/components/load-detail/load-deadline';
import { LoadHistory } from '@/components/load-detail/load-history';
import { LoadPhotos } from '@/components/load-detail/load-photos';
import { LoadRecord } from '@/components/load-detail/load-record';
import { SendAttempts } from '@/components/load-detail/send-attempts';
import { LoadStatusBadge } from '@/components/load-status';
import { TrackingId } from '@/components/tracking-id';
import { CodesToFollowBadge } from '@/components/codes-to-follow';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { reportingDeadline } from '@/lib/deadline';
import type { DwtValidationError } from '@/lib/dwt/errors';
import { getLoadHistory } from '@/lib/loads/history';
import { getLoad, mayCorrectLoad } from '@/lib/loads/service';
import { describeWeighings, readWeighings } from '@/lib/loads/weighing-schema';
import { getReferenceLookups } from '@/lib/reference-data/service';
import { dwtConfigInUse } from '@/lib/dwt-settings/service';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { listLoadPhotos } from '@/lib/weighbridge/camera';
import { ButtonLink } from '@/components/forms/button-link';
import { FORM_ERROR_KEY } from '@/lib/errors';

export const metadata: Metadata = { title: 'Load' };

export default async function LoadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('loads.view');
  const id = (await params).id;
  const load = await orNotFound(getLoad({ actor, input: { id } }));
  const [history, lookups, photos, dwt] = await Promise.all([
    getLoadHistory({ actor, input: { id } }),
    getReferenceLookups(),
    listLoadPhotos({ actor, input: { loadId: id } }),
    dwtConfigInUse(),
  ]);
  const warnings = load.dwtWarnings as unknown as DwtValidationError[];
  const errors = load.dwtErrors as unknown as DwtValidationError[];
  const lastAttempt = load.attempts.at(-1);
  const dwtLostIt = load.status === 'NEEDS_ATTENTION' && Boolean(load.wasteTrackingId) && lastAttempt?.outcome === 'not-found';
  const manager = can(actor.roles, 'loads.manage');
  const correction = mayCorrectLoad(actor, load);
  const codesToFollow = load.status === 'SENT' && load.codesToFollow;
  const receivedAt = formatUkDateTime(load.receivedAt);
  const attempts = load.attempts.map((a) => ({ ...a, id: String(a.id) }));
  const weighings = readWeighings(load.weighings);
  const onSite = load.status === 'ON_SITE';
  // A PUT refused on submittingOrganisation: sent with another organisation's apiCode than the POST.
  const otherOrganisation = load.status === 'NEEDS_ATTENTION' && errors.some((e) => e.key === 'submittingOrganisation');
  const apiCodeOf = (outcome: string) => (load.attempts.findLast((a) => a.outcome === outcome)?.detail as { apiCode?: string } | null)?.apiCode;
  return (
    <>
      <PageHeading>Load {load.ticketNumber}</PageHeading>
      <p className="mb-4 flex flex-wrap items-center gap-3">
        <LoadStatusBadge status={load.status} warnings={warnings.length} />
        {codesToFollow && <CodesToFollowBadge />}
        <span>
          Received {receivedAt} at {load.site.name}
        </span>
      </p>
      {load.wasteTrackingId && (
        <p className="mb-4">
          <span className="block text-sm font-semibold uppercase tracking-wide">Waste tracking ID</span>
          <TrackingId id={load.wasteTrackingId} size="medium" />
        </p>
      )}
      {load.status !== 'DRAFT' && (
        <LoadDeadline dueAt={load.dueAt ?? reportingDeadline(load.receivedAt, load.site.nation)} sent={load.status === 'SENT' && !codesToFollow} />
      )}
      {codesToFollow && (
        <section aria-labelledby="codes-to-follow-heading" className="mb-4 max-w-3xl border-l-4 border-amber-700 bg-white p-4">
          <h2 id="codes-to-follow-heading" className="text-lg font-bold">
            Disposal or recovery codes to follow
          </h2>
          <p>
            DWT accepted this load without a disposal or recovery code for every waste item. Send them by the deadline above:
            {correction.ok ? ' correct this load and add them.' : ' ask a manager to correct the load.'}
          </p>
        </section>
      )}
      {manager && load.status === 'CHECK_NEEDED' && (
        <CheckNeededPanel loadId={load.id} ticketNumber={load.ticketNumber} receivedAt={receivedAt} environment={dwt.environment} />
      )}
      {load.possibleDuplicateAt && (
        <section aria-labelledby="possible-duplicate-heading" className="mb-4 max-w-3xl border-l-4 border-amber-700 bg-white p-4">
          <h2 id="possible-duplicate-heading" className="text-lg font-bold">
            Possible duplicate at DWT
          </h2>
          <p>
            A send at {formatUkDateTime(load.possibleDuplicateAt)} got no answer and may have been stored, so this load was sent again. DWT may hold two records
            of it. DWT offers no way to check; the ticket and exports say so too, so it can be explained to the regulator.
          </p>
        </section>
      )}
      {dwtLostIt && <DwtNotFoundPanel loadId={load.id} ticketNumber={load.ticketNumber} wasteTrackingId={load.wasteTrackingId!} mayAct={manager} />}
      {otherOrganisation && (
        <OtherOrganisationPanel
          firstApiCode={apiCodeOf('created')}
          putApiCode={lastAttempt?.method === 'PUT' ? apiCodeOf('rejected') : undefined}
          mayCorrect={correction.ok}
        />
      )}
      <DwtMessages errors={dwtLostIt ? errors.filter((e) => e.key !== FORM_ERROR_KEY) : errors} warnings={warnings} />
      {weighings.length > 0 && (
        <section aria-labelledby="weighings-heading" className="mb-4 max-w-3xl border-l-4 border-slate-400 bg-white p-4">
          <h2 id="weighings-heading" className="text-lg font-bold">
            {onSite ? 'On site: weighed in, not yet out' : 'Weighings'}
          </h2>
          <p>{describeWeighings(weighings)}</p>
        </section>
      )}
      <p className="mb-6 flex flex-wrap gap-3">
        {onSite && can(actor.roles, 'weighings.create') && <ButtonLink href={`/loads/${load.id}/weigh-out`}>Weigh out</ButtonLink>}
        <ButtonLink href={`/loads/${load.id}/receipt`} variant={onSite ? 'secondary' : undefined}>
          Print the weighbridge ticket
        </ButtonLink>
        {correction.ok && (
          <ButtonLink href={`/loads/${load.id}/edit`} variant="secondary">
            {onSite ? 'Add waste details' : load.status === 'DRAFT' && weighings.length > 0 ? 'Finish this load' : 'Correct this load'}
          </ButtonLink>
        )}
        {can(actor.roles, 'loads.create') && (
          <ButtonLink href={`/loads/new?copy=${load.id}`} variant="secondary">
            Log a similar load
          </ButtonLink>
        )}
      </p>
      {!correction.ok && can(actor.roles, 'loads.create') && <p className="mb-6 max-w-3xl">{correction.reason}</p>}
      <LoadRecord form={load.form} ticketNumber={load.ticketNumber} receivedAt={receivedAt} siteName={load.site.name} lookups={lookups} />
      <LoadPhotos loadId={load.id} photos={photos} />
      <SendAttempts attempts={attempts} />
      <LoadHistory entries={history} attempts={attempts} />
    </>
  );
}
