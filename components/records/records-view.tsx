// The list of loads as the /loads page shows it: the filters (and their errors), the result count,
// the table and the pages. Server-rendered; works without JavaScript.
import Link from 'next/link';
import { ErrorSummary } from '@/components/forms/error-summary';
import type { ParsedRecordFilters } from '@/lib/records/schema';
import type { RecordPage } from '@/lib/records/service';
import { formatCount } from './format';
import { FILTER_FIELDS, filterFieldId, RecordsFilterForm, type FilterField } from './records-filter-form';
import { RecordsPagination } from './records-pagination';
import { recordsHref, RecordsTable } from './records-table';

/** "1–50 of 1,234 loads", or "1–50 of more than 5,000 loads" when the count stopped at its cap. */
export function resultCount(page: number, pageSize: number, total: number, exact = true, shown = pageSize): string {
  if (total === 0) return 'No loads';
  const of = exact ? `${formatCount(total)} ${total === 1 ? 'load' : 'loads'}` : `more than ${formatCount(total)} loads`;
  const first = (page - 1) * pageSize + 1;
  if (shown === 0) return exact ? of : `No loads on page ${formatCount(page)}`;
  const last = exact ? Math.min(total, page * pageSize) : first + shown - 1;
  return `${formatCount(first)}–${formatCount(last)} of ${of}`;
}

export function RecordsView({
  raw,
  sites,
  parsed,
  page,
  exportControls,
}: {
  raw: Record<string, string>;
  sites: { id: string; name: string }[];
  parsed: ParsedRecordFilters;
  page: RecordPage | null;
  /** The export of this filtered list, for those who may export (rendered after the result count). */
  exportControls?: React.ReactNode;
}) {
  const values = Object.fromEntries(FILTER_FIELDS.map((f) => [f, raw[f]])) as Partial<Record<FilterField, string>>;
  const fieldErrors = parsed.ok ? {} : parsed.fieldErrors;
  const errors = Object.fromEntries(FILTER_FIELDS.filter((f) => fieldErrors[f]).map((f) => [f, fieldErrors[f]!])) as Partial<Record<FilterField, string>>;
  // A site filter when the site select is not shown still gets a message (linked to nothing).
  const summary = FILTER_FIELDS.filter((f) => errors[f]).map((f) => ({
    fieldId: f === 'siteId' && sites.length <= 1 ? undefined : filterFieldId(f),
    message: errors[f]!,
  }));
  const filtered = FILTER_FIELDS.some((f) => raw[f]?.trim());
  return (
    <>
      {summary.length > 0 && <ErrorSummary errors={summary} />}
      <RecordsFilterForm values={values} errors={errors} sites={sites} sort={raw.sort} dir={raw.dir} pageSize={raw.pageSize} />
      <section aria-labelledby="records-results-heading">
        <h2 id="records-results-heading" className="sr-only">
          Results
        </h2>
        {!parsed.ok || !page ? (
          <p className="mb-4">Correct the filters above to see loads.</p>
        ) : (
          <>
            <p className="mb-2 text-lg font-semibold" role="status">
              {resultCount(page.page, page.pageSize, page.total, page.totalIsExact, page.rows.length)}
              {filtered && page.total > 0 && page.rows.length > 0
                ? page.total === 1 && page.totalIsExact
                  ? ' matches these filters'
                  : ' match these filters'
                : ''}
            </p>
            {page.total > 0 && exportControls}
            {page.rows.length === 0 ? (
              <div className="border border-slate-300 bg-white p-4">
                {page.total > 0 ? (
                  <p>
                    There is no page {page.page}.{' '}
                    <Link href={recordsHref({ ...parsed.filters, page: 1 })} className="font-semibold text-brand-700 underline">
                      Go to the first page
                    </Link>
                  </p>
                ) : filtered ? (
                  <p>
                    No loads match these filters.{' '}
                    <Link href="/loads" className="font-semibold text-brand-700 underline">
                      Clear the filters
                    </Link>
                  </p>
                ) : (
                  <p>No loads yet.</p>
                )}
              </div>
            ) : (
              <>
                <RecordsTable rows={page.rows} filters={parsed.filters} showSite={sites.length > 1} />
                <RecordsPagination filters={parsed.filters} total={page.total} totalIsExact={page.totalIsExact} />
              </>
            )}
          </>
        )}
      </section>
    </>
  );
}
