import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { requirePermission } from '@/lib/auth/session';
import { ApiCodeTable } from '@/components/dwt-api-codes/table';
import { can } from '@/lib/auth/permissions';
import { getApiCodeStates, getDeliveryStatus } from '@/lib/delivery/service';
import { formatUkDateTime } from '@/lib/time/uk-time';

export const metadata: Metadata = { title: 'Delivery to DWT' };

function Figure({ label, value, children }: { label: string; value: React.ReactNode; children?: React.ReactNode }) {
  return (
    <div className="border border-slate-300 bg-white p-4">
      <dt className="text-sm font-semibold uppercase tracking-wide text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-bold">{value}</dd>
      {children && <dd className="mt-1 text-sm">{children}</dd>}
    </div>
  );
}

export default async function DeliveryPage() {
  const actor = await requirePermission('delivery.view');
  const [s, apiCodes] = await Promise.all([getDeliveryStatus({ actor }), getApiCodeStates({ actor })]);
  return (
    <>
      <PageHeading lead="Loads are saved first, then sent to DWT by the delivery queue. This page shows how that is going at your sites.">
        Delivery to DWT
      </PageHeading>
      <p role="status" className={`mb-6 border-l-4 bg-white p-3 font-semibold ${s.dwt.reachable ? 'border-brand-600' : 'border-danger-700'}`}>
        {s.dwt.reachable ? 'DWT is reachable.' : 'DWT is not reachable.'} <span className="font-normal">{s.dwt.detail}</span>
      </p>
      <h2 className="mb-3 text-xl font-bold">Reporting deadline (two working days)</h2>
      <dl className="mb-8 grid gap-4 sm:grid-cols-3">
        <Figure label="Overdue" value={s.deadlines.overdue}>
          Not reported and past their deadline
        </Figure>
        <Figure label="Due today" value={s.deadlines.dueToday} />
        <Figure label="Due tomorrow" value={s.deadlines.dueTomorrow} />
      </dl>
      <h2 className="mb-3 text-xl font-bold">The queue</h2>
      <dl className="mb-8 grid gap-4 sm:grid-cols-3">
        <Figure label="Waiting to send" value={s.queueDepth}>
          {s.oldestWaiting ? (
            <>
              Oldest:{' '}
              <Link className="text-brand-700 underline" href={`/loads/${s.oldestWaiting.id}`}>
                ticket {s.oldestWaiting.ticketNumber}
              </Link>
              , saved {formatUkDateTime(s.oldestWaiting.createdAt)}
              {s.oldestWaiting.deliveryJob?.lastError && <> – {s.oldestWaiting.deliveryJob.lastError}</>}
            </>
          ) : (
            'Nothing waiting.'
          )}
        </Figure>
        <Figure label="Needs attention" value={s.counts.needsAttention}>
          Refused by DWT: correct and save again
        </Figure>
        <Figure label="Check needed" value={s.counts.checkNeeded}>
          DWT may have them: a manager decides
        </Figure>
        <Figure label="Sends in the last minute" value={s.sendRatePerMinute}>
          Cap: {s.maxSendRate} a second for all workers together
        </Figure>
        <Figure label="Last success" value={s.lastSuccess?.sentAt ? formatUkDateTime(s.lastSuccess.sentAt) : 'None yet'}>
          {s.lastSuccess && (
            <Link className="text-brand-700 underline" href={`/loads/${s.lastSuccess.id}`}>
              ticket {s.lastSuccess.ticketNumber}
            </Link>
          )}
        </Figure>
        <Figure label="Last error" value={s.lastError ? formatUkDateTime(s.lastError.at) : 'None'}>
          {s.lastError && (
            <>
              <Link className="text-brand-700 underline" href={`/loads/${s.lastError.load.id}`}>
                ticket {s.lastError.load.ticketNumber}
              </Link>
              : {s.lastError.message}
            </>
          )}
        </Figure>
      </dl>
      <ApiCodeTable states={apiCodes} isAdmin={can(actor.roles, 'dwt.manage')} />
    </>
  );
}
