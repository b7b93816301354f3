// The list's filters as a plain GET form: works without JavaScript, every control labelled, errors
// beside their fields and in the summary above (the page parses the same zod schema as the export).
import Link from 'next/link';
import { describedBy, FieldFrame } from '@/components/forms/field-frame';
import { DEADLINE_FILTERS, deadlineFilterLabels, RECORD_STATUSES, recordStatusLabels } from '@/lib/records/schema';
import { Button } from '@/components/forms/button';

export const FILTER_FIELDS = ['from', 'to', 'siteId', 'status', 'deadline', 'ewc', 'carrier', 'q'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The DOM id of a filter control (the error summary links to it). */
export function filterFieldId(name: FilterField): string {
  return `filter-${name}`;
}

const inputClass = (error?: string) => `mt-1 block w-full border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'}`;

function TextInput({
  name,
  label,
  hint,
  value,
  error,
  type = 'text',
  autoComplete = 'off',
}: {
  name: FilterField;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  type?: string;
  autoComplete?: string;
}) {
  const id = filterFieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className="mb-0">
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value ?? ''}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={inputClass(error)}
      />
    </FieldFrame>
  );
}

function Select({
  name,
  label,
  value,
  error,
  options,
  any,
}: {
  name: FilterField;
  label: string;
  value?: string;
  error?: string;
  options: { value: string; label: string }[];
  any: string;
}) {
  const id = filterFieldId(name);
  return (
    <FieldFrame id={id} label={label} error={error} className="mb-0">
      <select
        id={id}
        name={name}
        defaultValue={value ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
        className={inputClass(error)}
      >
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function RecordsFilterForm({
  values,
  errors,
  sites,
  sort,
  dir,
  pageSize,
}: {
  /** The raw values from the URL (kept as typed, even when invalid). */
  values: Partial<Record<FilterField, string>>;
  errors: Partial<Record<FilterField, string>>;
  /** The actor's sites; the site filter shows only when there is more than one. */
  sites: { id: string; name: string }[];
  sort?: string;
  dir?: string;
  pageSize?: string;
}) {
  return (
    <form method="get" action="/loads" role="search" aria-label="Filter loads" className="mb-6 border border-slate-300 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">Filter loads</h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextInput name="from" label="Received from" type="date" value={values.from} error={errors.from} />
        <TextInput name="to" label="Received to" type="date" value={values.to} error={errors.to} />
        {sites.length > 1 && (
          <Select
            name="siteId"
            label="Site"
            value={values.siteId}
            error={errors.siteId}
            any="All your sites"
            options={sites.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <Select
          name="status"
          label="Status"
          value={values.status}
          error={errors.status}
          any="Any status"
          options={RECORD_STATUSES.map((s) => ({ value: s, label: recordStatusLabels[s] }))}
        />
        <Select
          name="deadline"
          label="Reporting deadline"
          value={values.deadline}
          error={errors.deadline}
          any="Any deadline"
          options={DEADLINE_FILTERS.map((d) => ({ value: d, label: deadlineFilterLabels[d] }))}
        />
        <TextInput name="ewc" label="EWC code" hint="6 digits, like 17 05 04" value={values.ewc} error={errors.ewc} />
        <TextInput name="carrier" label="Carrier" hint="Any part of the name" value={values.carrier} error={errors.carrier} />
        <TextInput name="q" label="Search" type="search" hint="Ticket number, waste tracking ID or vehicle registration" value={values.q} error={errors.q} />
      </div>
      {sort && <input type="hidden" name="sort" value={sort} />}
      {dir && <input type="hidden" name="dir" value={dir} />}
      {pageSize && <input type="hidden" name="pageSize" value={pageSize} />}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Button type="submit">Apply filters</Button>
        <Link href="/loads" className="font-semibold text-brand-700 underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
