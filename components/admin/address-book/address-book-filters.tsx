import { Button } from '@/components/forms/button';
// The address book's search and kind filter: a plain GET form, so the list is a shareable address.
export function AddressBookFilters({ query, kind }: { query: string; kind: string }) {
  return (
    <form method="get" action="/admin/address-book" role="search" aria-label="Address book" className="mb-6 flex flex-wrap items-end gap-4">
      <div>
        <label htmlFor="ab-query" className="block font-semibold">
          Search
        </label>
        <p id="ab-query-hint" className="text-sm text-slate-700">
          Name, email, registration number or vehicle
        </p>
        <input
          id="ab-query"
          name="query"
          defaultValue={query}
          aria-describedby="ab-query-hint"
          className="mt-1 block w-72 border-2 border-slate-700 bg-white px-2 py-1.5"
        />
      </div>
      <div>
        <label htmlFor="ab-kind" className="block font-semibold">
          Kind
        </label>
        <select id="ab-kind" name="kind" defaultValue={kind} className="mt-1 block border-2 border-slate-700 bg-white px-2 py-1.5">
          <option value="">All</option>
          <option value="CARRIER">Carriers</option>
          <option value="BROKER_DEALER">Brokers and dealers</option>
        </select>
      </div>
      <Button type="submit">Search</Button>
    </form>
  );
}
