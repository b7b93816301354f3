// Paging links for the list: previous/next, the first and last pages and those around the current one.
import Link from 'next/link';
import type { RecordFilters } from '@/lib/records/schema';
import { recordsHref } from './records-table';

/** The page numbers to show, with null for a gap: 1 … 4 5 [6] 7 8 … 20 (no last page when it is not known). */
export function pageWindow(page: number, pages: number, lastKnown = true): (number | null)[] {
  const shown = new Set([1, ...(lastKnown ? [pages] : []), page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) out.push(null);
    out.push(p);
  });
  return out;
}

const linkClass = 'inline-block min-w-11 border-2 border-brand-700 px-3 py-1.5 text-center font-semibold text-brand-700 underline hover:bg-brand-50';

export function RecordsPagination({ filters, total, totalIsExact = true }: { filters: RecordFilters; total: number; totalIsExact?: boolean }) {
  // With a capped count there are more pages than the count says: keep offering the next one.
  const pages = totalIsExact ? Math.max(1, Math.ceil(total / filters.pageSize)) : Math.max(filters.page + 1, Math.ceil(total / filters.pageSize));
  if (pages <= 1) return null;
  const page = Math.min(filters.page, pages);
  return (
    <nav aria-label="Pages of loads" className="mt-4">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 && (
          <li>
            <Link href={recordsHref({ ...filters, page: page - 1 })} className={linkClass} rel="prev">
              Previous<span className="sr-only"> page</span>
            </Link>
          </li>
        )}
        {pageWindow(page, pages, totalIsExact).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1">
              …
            </li>
          ) : (
            <li key={p}>
              {p === filters.page ? (
                <a
                  aria-current="page"
                  href={recordsHref({ ...filters, page: p })}
                  className="inline-block min-w-11 border-2 border-brand-900 bg-brand-900 px-3 py-1.5 text-center font-bold text-white"
                >
                  <span className="sr-only">Page </span>
                  {p}
                </a>
              ) : (
                <Link href={recordsHref({ ...filters, page: p })} className={linkClass}>
                  <span className="sr-only">Page </span>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <Link href={recordsHref({ ...filters, page: page + 1 })} className={linkClass} rel="next">
              Next<span className="sr-only"> page</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
