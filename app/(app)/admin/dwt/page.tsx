import type { Metadata } from 'next';
import { DwtConnectionSummary } from '@/components/admin/dwt/dwt-connection-summary';
import { DwtSettingsForm } from '@/components/admin/dwt/dwt-settings-form';
import { PageHeading } from '@/components/app-shell';
import { SyncReferenceDataButton } from '@/components/sync-reference-data-button';
import { requirePermission } from '@/lib/auth/session';
import { getDwtSettings } from '@/lib/dwt-settings/service';
import { listReferenceDataStatus } from '@/lib/reference-data/service';
import { formatUkDateTime } from '@/lib/time/uk-time';

export const metadata: Metadata = { title: 'DWT connection' };

export default async function DwtConnectionPage() {
  const actor = await requirePermission('dwt.manage');
  const [settings, lists] = await Promise.all([getDwtSettings({ actor }), listReferenceDataStatus({ actor })]);
  return (
    <>
      <PageHeading lead="How Weighbook reaches Digital Waste Tracking. Settings saved here override the environment's; the client secret is stored encrypted and never shown.">
        DWT connection
      </PageHeading>
      <DwtConnectionSummary settings={settings} />
      <DwtSettingsForm settings={settings} />
      <section aria-labelledby="reference-data-heading" className="mt-10">
        <h2 id="reference-data-heading" className="mb-3 text-xl font-bold">
          Reference data
        </h2>
        <p className="mb-3 max-w-3xl">
          EWC codes, container types and the other lists DWT checks against. They are synced at every start; when DWT cannot be reached the stored (or bundled)
          copy is used, so logging loads never waits for DWT.
        </p>
        <table className="mb-4 w-full max-w-3xl border-collapse bg-white text-left">
          <caption className="sr-only">Reference lists and where they come from</caption>
          <thead>
            <tr className="border-b-2 border-slate-700">
              <th scope="col" className="p-2">
                List
              </th>
              <th scope="col" className="p-2">
                Entries
              </th>
              <th scope="col" className="p-2">
                From
              </th>
              <th scope="col" className="p-2">
                Synced
              </th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => (
              <tr key={l.name} className="border-b border-slate-300">
                <td className="p-2">{l.name}</td>
                <td className="p-2">{l.entries ?? '—'}</td>
                <td className="p-2">{l.source}</td>
                <td className="p-2">{l.fetchedAt ? formatUkDateTime(l.fetchedAt) : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <SyncReferenceDataButton />
      </section>
    </>
  );
}
