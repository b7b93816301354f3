// The page of loads: a captioned table whose sortable headers are links (aria-sort on the sorted one),
// with each unsent load's reporting deadline in words, never colour alone.
import Link from 'next/link';
import { CodesToFollowBadge } from '@/components/codes-to-follow';
import { LoadStatusBadge } from '@/components/load-status';
import { formatWeight } from '@/lib/loads/ticket';
import type { RecordFilters, RecordSort } from '@/lib/records/schema';
import { filtersToSearchParams } from '@/lib/records/schema';
import type { RecordRow } from '@/lib/records/service';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { deadlineLabels, dueDay, formatEwc, formatUkDate } from './format';

/** A link to the list with these filters (and page 1 unless given). */
export function recordsHref(filters: Partial<RecordFilters>): string {
  const qs = filtersToSearchParams(filters).toString();
  return qs ? `/loads?${qs}` : '/loads';
}

const sortLabels: Record<RecordSort, string> = { received: 'newest', ticket: 'ticket', status: 'status', due: 'deadline', carrier: 'carrier' };

function SortHeader({ sort, label, filters }: { sort: RecordSort; label: string; filters: RecordFilters }) {
  const active = filters.sort === sort;
  // A first click sorts newest/latest first for dates, A→Z for text; a second click turns it round.
  const firstDir = sort === 'received' ? 'desc' : 'asc';
  const nextDir = active ? (filters.dir === 'asc' ? 'desc' : 'asc') : firstDir;
  return (
    <th scope="col" className="p-2" aria-sort={active ? (filters.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link href={recordsHref({ ...filters, sort, dir: nextDir, page: 1 })} className="font-bold text-brand-700 underline">
        {label}
        <span className="sr-only">, sort {nextDir === 'asc' ? 'ascending' : 'descending'}</span>
        {active && <span aria-hidden="true"> {filters.dir === 'asc' ? '▲' : '▼'}</span>}
      </Link>
    </th>
  );
}

/** "6.22 t"; a draft or a load without weights shows a dash. */
function weightText(r: RecordRow): string {
  return r.netWeight ? formatWeight(r.netWeight) : '—';
}

function StatusCell({ r }: { r: RecordRow }) {
  return (
    <>
      <LoadStatusBadge status={r.status} warnings={r.warnings} />
      {r.status === 'SENT' && r.warnings > 0 && (
        <span className="block text-sm text-slate-700">
          {r.warnings} {r.warnings === 1 ? 'warning' : 'warnings'}
        </span>
      )}
      {r.codesToFollow && (
        <span className="mt-1 block">
          <CodesToFollowBadge />
        </span>
      )}
    </>
  );
}

/** The deadline of an unsent load, or of the codes still to follow of a sent one; "Reported" once done. */
function DueCell({ r }: { r: RecordRow }) {
  if (r.status === 'SENT' && !r.codesToFollow) return <span className="text-slate-700">Reported</span>;
  if (!r.dueAt) return <>—</>;
  return (
    <>
      {r.codesToFollow && <span className="block text-sm">Codes by</span>}
      {formatUkDate(dueDay(r.dueAt))}
      {r.deadline && r.deadline !== 'later' && (
        <strong className={`block ${r.deadline === 'overdue' ? 'text-danger-700' : 'text-amber-900'}`}>{deadlineLabels[r.deadline]}</strong>
      )}
    </>
  );
}

/**
 * Wide screens: a table (in a labelled region that scrolls, and takes keyboard focus, should it ever
 * be wider than the window). Narrow ones (a phone, or 200% zoom): one card per load with every column
 * labelled, so no column is ever hidden off to the right.
 */
export function RecordsTable({ rows, filters, showSite }: { rows: RecordRow[]; filters: RecordFilters; showSite: boolean }) {
  const caption = `Loads, sorted by ${sortLabels[filters.sort]} ${filters.dir === 'asc' ? 'ascending' : 'descending'}`;
  return (
    <>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
      <div role="region" aria-label="Loads table" tabIndex={0} className="hidden overflow-x-auto lg:block">
        <table className="w-full border-collapse bg-white text-left">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b-2 border-slate-700">
              <SortHeader sort="ticket" label="Ticket" filters={filters} />
              <SortHeader sort="received" label="Received" filters={filters} />
              {showSite && (
                <th scope="col" className="p-2">
                  Site
                </th>
              )}
              <SortHeader sort="carrier" label="Carrier and vehicle" filters={filters} />
              <th scope="col" className="p-2">
                EWC codes
              </th>
              <th scope="col" className="p-2 text-right">
                Net weight
              </th>
              <SortHeader sort="status" label="Status" filters={filters} />
              <SortHeader sort="due" label="Due by" filters={filters} />
              <th scope="col" className="p-2">
                Waste tracking ID
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-300 align-top">
                <th scope="row" className="p-2 font-normal">
                  <Link href={`/loads/${r.id}`} className="font-semibold text-brand-700 underline">
                    {r.ticketNumber}
                  </Link>
                </th>
                <td className="p-2 whitespace-nowrap">{formatUkDateTime(r.receivedAt)}</td>
                {showSite && <td className="p-2">{r.siteName}</td>}
                <td className="p-2">
                  {r.carrierName ?? '—'}
                  {r.vehicleRegistration && <span className="block text-slate-700">{r.vehicleRegistration}</span>}
                </td>
                <td className="p-2">{r.ewcCodes.length ? r.ewcCodes.map(formatEwc).join(', ') : '—'}</td>
                <td className="p-2 text-right whitespace-nowrap">{weightText(r)}</td>
                <td className="p-2">
                  <StatusCell r={r} />
                </td>
                <td className="p-2 whitespace-nowrap">
                  <DueCell r={r} />
                </td>
                <td className="tracking-id p-2">{r.wasteTrackingId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label={caption} className="space-y-3 lg:hidden">
        {rows.map((r) => (
          <li key={r.id} className="border border-slate-300 bg-white p-3">
            <h3 className="text-lg font-bold">
              <Link href={`/loads/${r.id}`} className="text-brand-700 underline">
                Ticket {r.ticketNumber}
              </Link>
            </h3>
            <dl className="grid grid-cols-1 gap-x-4 sm:grid-cols-[max-content_1fr]">
              <dt className="font-semibold">Received</dt>
              <dd>{formatUkDateTime(r.receivedAt)}</dd>
              {showSite && (
                <>
                  <dt className="font-semibold">Site</dt>
                  <dd>{r.siteName}</dd>
                </>
              )}
              <dt className="font-semibold">Carrier and vehicle</dt>
              <dd className="break-words">
                {r.carrierName ?? '—'}
                {r.vehicleRegistration && `, ${r.vehicleRegistration}`}
              </dd>
              <dt className="font-semibold">EWC codes</dt>
              <dd>{r.ewcCodes.length ? r.ewcCodes.map(formatEwc).join(', ') : '—'}</dd>
              <dt className="font-semibold">Net weight</dt>
              <dd>{weightText(r)}</dd>
              <dt className="font-semibold">Status</dt>
              <dd>
                <StatusCell r={r} />
              </dd>
              <dt className="font-semibold">Due by</dt>
              <dd>
                <DueCell r={r} />
              </dd>
              <dt className="font-semibold">Waste tracking ID</dt>
              <dd className="tracking-id break-all">{r.wasteTrackingId ?? '—'}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
