import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { ExportControls } from '@/components/records/export-controls';
import { RecordsView } from '@/components/records/records-view';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { filtersFromSearchParams, parseRecordFilters } from '@/lib/records/schema';
import { listRecords } from '@/lib/records/service';
import { listSites } from '@/lib/sites/service';
import { ButtonLink } from '@/components/forms/button-link';

export const metadata: Metadata = { title: 'Loads' };

export default async function LoadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('loads.view');
  const raw = filtersFromSearchParams(await searchParams);
  const parsed = parseRecordFilters(raw);
  const [sites, page] = await Promise.all([
    listSites({ actor }).then((all) => all.filter((s) => actor.siteIds.includes(s.id))),
    parsed.ok ? listRecords({ actor, input: parsed.filters }) : null,
  ]);
  return (
    <>
      <PageHeading lead="Every load at your sites: filter, search and sort them.">Loads</PageHeading>
      {can(actor.roles, 'loads.create') && (
        <p className="mb-4">
          <ButtonLink href="/loads/new">Log a load</ButtonLink>
        </p>
      )}
      <RecordsView
        raw={raw}
        sites={sites.map((s) => ({ id: s.id, name: s.name }))}
        parsed={parsed}
        page={page}
        exportControls={can(actor.roles, 'loads.manage') ? <ExportControls /> : undefined}
      />
    </>
  );
}
