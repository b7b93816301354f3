// The page of loads: a captioned table whose sortable headers are links (aria-sort on the sorted one),
// with each unsent load's reporting deadline in words, never colour alone.
import Link from 'next/link';
import { LoadStatusBadge } from '@/components/load-status';
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

export function RecordsTable({ rows, filters, showSite }: { rows: RecordRow[]; filters: RecordFilters; showSite: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left">
        <caption className="sr-only">
          Loads, sorted by {sortLabels[filters.sort]} {filters.dir === 'asc' ? 'ascending' : 'descending'}
        </caption>
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
              <td className="p-2 whitespace-nowrap">{r.ewcCodes.length ? r.ewcCodes.map(formatEwc).join(', ') : '—'}</td>
              <td className="p-2">
                <LoadStatusBadge status={r.status} warnings={r.warnings} />
                {r.status === 'SENT' && r.warnings > 0 && (
                  <span className="block text-sm text-slate-700">
                    {r.warnings} {r.warnings === 1 ? 'warning' : 'warnings'}
                  </span>
                )}
              </td>
              <td className="p-2 whitespace-nowrap">
                {r.status === 'SENT' ? (
                  <span className="text-slate-700">Reported</span>
                ) : r.dueAt ? (
                  <>
                    {formatUkDate(dueDay(r.dueAt))}
                    {r.deadline && r.deadline !== 'later' && (
                      <strong className={`block ${r.deadline === 'overdue' ? 'text-danger-700' : 'text-amber-900'}`}>{deadlineLabels[r.deadline]}</strong>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="p-2 font-mono">{r.wasteTrackingId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
