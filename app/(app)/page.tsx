import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { ActionLink, Panel } from '@/components/home-panels';
import { DeadlineCounts } from '@/components/records/deadline-counts';
import { RecordChartsView } from '@/components/records/record-charts';
import { BackupWarningBanner } from '@/components/backup-warning-banner';
import { can } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { getBackupWarnings } from '@/lib/backup/service';
import { countRecordDeadlines, recordCharts } from '@/lib/records/service';
import { listSites } from '@/lib/sites/service';
import { overdueOnSite } from '@/lib/loads/weighing';
import { formatMinutes } from '@/components/weighing/format';

export const metadata: Metadata = { title: 'Home' };

export default async function HomePage() {
  const actor = await requireActor();
  const manager = can(actor.roles, 'loads.manage');
  const [sites, deadlines, charts, backupWarnings] = await Promise.all([
    listSites({ actor }),
    manager ? countRecordDeadlines({ actor }) : null,
    manager ? recordCharts({ actor }) : null,
    can(actor.roles, 'backups.view') ? getBackupWarnings({ actor }) : [],
  ]);
  const longOnSite = manager ? await overdueOnSite({ actor }) : [];
  const siteNames = sites.filter((s) => actor.siteIds.includes(s.id)).map((s) => s.name);
  return (
    <>
      <PageHeading lead={siteNames.length > 0 ? `Your sites: ${siteNames.join(', ')}` : undefined}>Hello, {actor.name}</PageHeading>
      <BackupWarningBanner warnings={backupWarnings} canManage={can(actor.roles, 'backups.manage')} />
      {can(actor.roles, 'loads.create') && (
        <Panel title="Weighbridge">
          <p className="mb-4">Log each load as it arrives. It is saved first, then reported to DWT.</p>
          <ActionLink href="/loads/new">Log a load</ActionLink>
          {can(actor.roles, 'weighings.create') && (
            <p className="mt-3">
              Or weigh vehicles in and out:{' '}
              <Link href="/on-site" className="font-semibold text-brand-700 underline">
                On site now
              </Link>
            </p>
          )}
        </Panel>
      )}
      {longOnSite.length > 0 && (
        <Panel title="Vehicles on site too long">
          <p className="mb-3">
            These vehicles were weighed in and not out longer ago than their site allows. Their reporting clock started when they were weighed in.
          </p>
          <ul className="mb-3 list-disc space-y-1 pl-6">
            {longOnSite.slice(0, 20).map((v) => (
              <li key={v.id}>
                <Link href={`/loads/${v.id}`} className="font-semibold text-brand-700 underline">
                  {v.vehicleRegistration ?? `Ticket ${v.ticketNumber}`}
                </Link>{' '}
                at {v.siteName}: on site for {formatMinutes(v.minutesOnSite)} (limit {formatMinutes(v.limitMinutes)})
              </li>
            ))}
          </ul>
          <Link href="/on-site" className="font-semibold text-brand-700 underline">
            See everyone on site
          </Link>
        </Panel>
      )}
      {can(actor.roles, 'loads.manage') && (
        <Panel title="Reporting deadline">
          <p className="mb-3">Every load must be reported to DWT by the end of the second working day after it arrived.</p>
          {deadlines && <DeadlineCounts counts={deadlines} />}
          <Link href="/loads" className="font-semibold text-brand-700 underline">
            See all loads
          </Link>
        </Panel>
      )}
      {charts && (
        <Panel title="Loads received">
          <RecordChartsView charts={charts} />
        </Panel>
      )}
      {can(actor.roles, 'users.manage') && (
        <Panel title="Administration">
          <ul className="list-disc space-y-1 pl-6">
            <li>
              <Link href="/admin/users" className="font-semibold text-brand-700 underline">
                Users
              </Link>
            </li>
            <li>
              <Link href="/admin/sites" className="font-semibold text-brand-700 underline">
                Sites
              </Link>
            </li>
            <li>
              <Link href="/admin/dwt" className="font-semibold text-brand-700 underline">
                DWT connection
              </Link>
            </li>
            <li>
              <Link href="/admin/data-requests" className="font-semibold text-brand-700 underline">
                Customers’ data requests
              </Link>
            </li>
            <li>
              <Link href="/admin/backups" className="font-semibold text-brand-700 underline">
                Backups
              </Link>
            </li>
          </ul>
        </Panel>
      )}
    </>
  );
}
