import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { ActionLink, Panel } from '@/components/home-panels';
import { can } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listSites } from '@/lib/sites/service';

export const metadata: Metadata = { title: 'Home' };

export default async function HomePage() {
  const actor = await requireActor();
  const sites = await listSites({ actor });
  const siteNames = sites.filter((s) => actor.siteIds.includes(s.id)).map((s) => s.name);
  return (
    <>
      <PageHeading lead={siteNames.length > 0 ? `Your sites: ${siteNames.join(', ')}` : undefined}>
        Hello, {actor.name}
      </PageHeading>
      {can(actor.roles, 'loads.create') && (
        <Panel title="Weighbridge">
          <p className="mb-4">Log each load as it arrives. It is saved first, then reported to DWT.</p>
          <ActionLink href="/loads/new">Log a load</ActionLink>
        </Panel>
      )}
      {can(actor.roles, 'loads.manage') && (
        <Panel title="Reporting deadline">
          <p className="mb-2">
            Every load must be reported within two working days. Counts of overdue loads, loads due today and tomorrow,
            and loads needing attention will appear here.
          </p>
          <Link href="/loads" className="font-semibold text-brand-700 underline">
            See all loads
          </Link>
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
          </ul>
        </Panel>
      )}
    </>
  );
}
