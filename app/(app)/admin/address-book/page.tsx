import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { AddressBookFilters } from '@/components/admin/address-book/address-book-filters';
import { AddressBookTable } from '@/components/admin/address-book/address-book-table';
import { adminListParties } from '@/lib/address-book/admin';
import { adminListPartiesSchema } from '@/lib/address-book/schema';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Address book' };

export default async function AddressBookPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('address-book.manage');
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = adminListPartiesSchema.safeParse({ query: one(raw.query) ?? '', kind: one(raw.kind) ?? '', page: one(raw.page) ?? 1 });
  const input = parsed.success ? parsed.data : { query: '', kind: '' as const, page: 1 };
  const list = await adminListParties({ actor, input });
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const link = (page: number) => `/admin/address-book?${new URLSearchParams({ query: input.query, kind: input.kind, page: String(page) })}`;
  return (
    <>
      <PageHeading lead="Carriers and brokers or dealers of every site, with their registration numbers, contacts and vehicles. Edit an entry, or merge duplicates into one.">
        Address book
      </PageHeading>
      <AddressBookFilters query={input.query} kind={input.kind} />
      <AddressBookTable entries={list.entries.map((e) => ({ ...e, updatedAt: e.updatedAt.toISOString() }))} total={list.total} />
      {pages > 1 && (
        <nav aria-label="Pages of the address book" className="mt-4 flex gap-4">
          {input.page > 1 && (
            <a href={link(input.page - 1)} className="text-brand-700 underline">
              Previous page
            </a>
          )}
          <span>
            Page {input.page} of {pages}
          </span>
          {input.page < pages && (
            <a href={link(input.page + 1)} className="text-brand-700 underline">
              Next page
            </a>
          )}
        </nav>
      )}
    </>
  );
}
