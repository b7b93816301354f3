'use client';
// A customer's data request: find everything held about a person or organisation at every site, download
// it, and erase it after a confirmation that lists exactly what will change.
import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import type { ActionResult } from '@/lib/action-result';
import { erasePersonalDataAction, findPersonalDataAction } from '@/lib/data-rights/actions';
import { FIND_BY, findByLabels, findSchema, loadRoleLabels, type EraseSummary, type FindInput, type FindResult } from '@/lib/data-rights/schema';
import { Button } from '@/components/forms/button';

const th = 'p-2 text-left align-bottom';
const td = 'p-2 align-top';
const dateTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

export function DataRequestPanel() {
  const [result, setResult] = useState<FindResult | null>(null);
  const [erased, setErased] = useState<EraseSummary | null>(null);
  const form = useForm<FindInput>({ resolver: zodResolver(findSchema), shouldFocusError: false, defaultValues: { by: 'name', value: '' } });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setErased(null);
    const res = await findPersonalDataAction(values);
    if (applyResult(res)) {
      setResult(res.data);
      requestAnimationFrame(() => resultsHeading.current?.focus());
    }
  });

  return (
    <div className="space-y-8">
      <section aria-labelledby="find-heading" className="max-w-3xl border border-slate-300 bg-white p-5">
        <h2 id="find-heading" className="mb-2 text-xl font-bold">
          Find a person or organisation
        </h2>
        <p className="mb-4 text-slate-700">Searches the address book, loads and staff accounts of every site.</p>
        <form onSubmit={onSubmit} noValidate>
          <ErrorSummary errors={summary} />
          <SelectField
            label="Search by"
            options={FIND_BY.map((b) => ({ value: b, label: findByLabels[b] }))}
            error={errors.by?.message}
            {...form.register('by')}
          />
          <TextField
            label="Search for"
            hint="A name finds every name containing it; an email address, phone number or vehicle registration must be whole (spacing and case do not matter)."
            autoComplete="off"
            spellCheck={false}
            error={errors.value?.message}
            {...form.register('value')}
          />
          <Button type="submit" disabled={isSubmitting}>
            Search
          </Button>
        </form>
      </section>

      {erased && (
        <p role="status" className="max-w-3xl border-l-4 border-brand-600 bg-brand-50 p-3">
          Erased: {erased.entriesDeleted} address-book {erased.entriesDeleted === 1 ? 'entry' : 'entries'} deleted, {erased.loadsAnonymised}{' '}
          {erased.loadsAnonymised === 1 ? 'load' : 'loads'} anonymised, {erased.draftsDeleted} unsent {erased.draftsDeleted === 1 ? 'draft' : 'drafts'} deleted,
          and {erased.auditEntriesScrubbed} audit {erased.auditEntriesScrubbed === 1 ? 'entry' : 'entries'} cleared of the values.
          {erased.loadsRemaining > 0 &&
            ` ${erased.loadsRemaining.toLocaleString('en-GB')} ${erased.loadsRemaining === 1 ? 'load still holds' : 'loads still hold'} their data: check the list below and erase again to continue.`}
        </p>
      )}

      {result && (
        <Results
          result={result}
          headingRef={resultsHeading}
          onErased={async (s) => {
            setErased(s);
            setResult(null);
            // A large erasure goes in steps: show what remains, ready to erase again.
            if (s.loadsRemaining > 0) {
              const res = await findPersonalDataAction(form.getValues());
              if (res.ok) setResult(res.data);
            }
          }}
        />
      )}
    </div>
  );
}

function Results({
  result,
  headingRef,
  onErased,
}: {
  result: FindResult;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onErased: (s: EraseSummary) => void | Promise<void>;
}) {
  const { entries, loads, users, query } = result;
  const nothing = entries.length + loads.length + users.length === 0;
  return (
    <section aria-labelledby="results-heading" className="space-y-6">
      <h2 id="results-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-bold">
        What Weighbook holds for {findByLabels[query.by].toLowerCase()} “{query.value}”
      </h2>
      {result.tooBroad ? (
        <p className="max-w-3xl border-l-4 border-danger-700 bg-white p-3 font-semibold">
          This search matches more records than one person is likely to have. Narrow it (a whole email address or phone number) before exporting or erasing.
        </p>
      ) : (
        result.truncated && (
          <p className="max-w-3xl border-l-4 border-brand-600 bg-white p-3 font-semibold">
            They appear on {result.loadsTotal.toLocaleString('en-GB')} loads; the {loads.length.toLocaleString('en-GB')} most recent are listed. Erasing goes
            through all of them in steps.
          </p>
        )
      )}
      {nothing ? (
        <p>Nothing found: no address-book entry, load or staff account matches.</p>
      ) : (
        <>
          <p>
            {entries.length} address-book {entries.length === 1 ? 'entry' : 'entries'}, {loads.length} {loads.length === 1 ? 'load' : 'loads'} and{' '}
            {users.length} staff {users.length === 1 ? 'account' : 'accounts'}.
          </p>
          <div className="flex flex-wrap gap-4">
            {(['json', 'csv'] as const).map((format) => (
              // A form POST, so the search (an email address, a phone number) stays out of the URL.
              <form key={format} method="post" action="/api/data-requests/export">
                <input type="hidden" name="by" value={query.by} />
                <input type="hidden" name="value" value={query.value} />
                <input type="hidden" name="format" value={format} />
                <Button type="submit" variant="secondary">
                  Download everything found ({format.toUpperCase()})
                </Button>
              </form>
            ))}
          </div>
        </>
      )}

      {entries.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="mb-2 text-left text-lg font-bold">Address-book entries</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className={th}>
                  Name
                </th>
                <th scope="col" className={th}>
                  Site
                </th>
                <th scope="col" className={th}>
                  Kind
                </th>
                <th scope="col" className={th}>
                  Contact
                </th>
                <th scope="col" className={th}>
                  Vehicles
                </th>
                <th scope="col" className={th}>
                  Matched by
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-slate-300">
                  <th scope="row" className={`${td} font-semibold`}>
                    {e.organisationName}
                  </th>
                  <td className={td}>{e.siteName}</td>
                  <td className={td}>{e.kind === 'CARRIER' ? 'Carrier' : 'Broker or dealer'}</td>
                  <td className={td}>{[e.emailAddress, e.phoneNumber, e.fullAddress, e.postcode].filter(Boolean).join(', ') || '—'}</td>
                  <td className={td}>{e.vehicleRegistrations.join(', ') || '—'}</td>
                  <td className={td}>{e.matched.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {loads.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="mb-2 text-left text-lg font-bold">Loads</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className={th}>
                  Ticket
                </th>
                <th scope="col" className={th}>
                  Site
                </th>
                <th scope="col" className={th}>
                  Received
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
                <th scope="col" className={th}>
                  As
                </th>
                <th scope="col" className={th}>
                  Matched by
                </th>
              </tr>
            </thead>
            <tbody>
              {loads.map((l) => (
                <tr key={l.id} className="border-b border-slate-300">
                  <th scope="row" className={`${td} font-semibold`}>
                    {l.ticketNumber}
                  </th>
                  <td className={td}>{l.siteName}</td>
                  <td className={td}>{dateTime(l.receivedAt)}</td>
                  <td className={td}>
                    {l.unsentDraft ? 'Draft, never sent' : l.wasteTrackingId ? `Sent to DWT (${l.wasteTrackingId})` : l.status.replace('_', ' ').toLowerCase()}
                  </td>
                  <td className={td}>{l.roles.map((r) => loadRoleLabels[r.role]).join(', ')}</td>
                  <td className={td}>{l.roles.map((r) => r.matched.join(', ')).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {users.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="mb-2 text-left text-lg font-bold">Staff accounts</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className={th}>
                  Name
                </th>
                <th scope="col" className={th}>
                  Email address
                </th>
                <th scope="col" className={th}>
                  State
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-slate-300">
                  <th scope="row" className={`${td} font-semibold`}>
                    {u.name}
                  </th>
                  <td className={td}>{u.email}</td>
                  <td className={td}>{u.disabled ? 'Disabled' : 'Can sign in'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 max-w-3xl text-slate-700">
            Staff accounts are included in the download but not erased here: disable the account on the Users page. Its name stays in the audit log as the
            person who made each change, which the site needs to account for its records.
          </p>
        </div>
      )}

      {!result.tooBroad && entries.length + loads.length > 0 && <EraseFlow result={result} onErased={onErased} />}
    </section>
  );
}

function EraseFlow({ result, onErased }: { result: FindResult; onErased: (s: EraseSummary) => void | Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const drafts = result.loads.filter((l) => l.unsentDraft);
  const anonymised = result.loads.filter((l) => !l.unsentDraft);
  const sent = anonymised.filter((l) => l.wasteTrackingId);
  const unsent = anonymised.filter((l) => !l.wasteTrackingId);

  async function erase() {
    if (!confirmed) {
      setProblem('Confirm that you want to erase this data');
      return;
    }
    setBusy(true);
    const res: ActionResult<EraseSummary> = await erasePersonalDataAction({
      by: result.query.by,
      value: result.query.value,
      entryIds: result.entries.map((e) => e.id),
      loadIds: result.loads.map((l) => l.id),
      loadsTotal: result.loadsTotal,
      confirmed: true,
    });
    setBusy(false);
    if (res.ok) await onErased(res.data);
    else setProblem(res.formError ?? 'The data could not be erased.');
  }

  if (!open) {
    return (
      <Button
        onClick={() => {
          setOpen(true);
          requestAnimationFrame(() => heading.current?.focus());
        }}
        variant="warning"
      >
        Erase this data…
      </Button>
    );
  }
  return (
    <section aria-labelledby="erase-heading" className="max-w-3xl border-4 border-danger-700 bg-white p-5">
      <h3 id="erase-heading" ref={heading} tabIndex={-1} className="mb-3 text-xl font-bold">
        Erase this data: check what will change
      </h3>
      <ErrorSummary errors={problem ? [{ message: problem, ...(problem.startsWith('Confirm') ? { fieldId: 'erase-confirm' } : {}) }] : []} />
      <ul className="mb-4 list-disc space-y-2 pl-6">
        <li>
          {result.entries.length} address-book {result.entries.length === 1 ? 'entry is' : 'entries are'} deleted
          {result.entries.length > 0 && `: ${result.entries.map((e) => `${e.organisationName} (${e.siteName})`).join(', ')}`}.
        </li>
        <li>
          {anonymised.length} {anonymised.length === 1 ? 'load keeps' : 'loads keep'} its waste facts (EWC codes, weights, dates, codes, ticket numbers, waste
          tracking ids, status) but {anonymised.length === 1 ? 'its' : 'their'} carrier or broker/dealer name becomes “Erased” and the email, phone, address and
          vehicle are removed{anonymised.length > 0 && `: tickets ${anonymised.map((l) => `${l.ticketNumber} (${l.siteName})`).join(', ')}`}.
        </li>
        <li>
          {drafts.length} {drafts.length === 1 ? 'draft that was' : 'drafts that were'} never sent {drafts.length === 1 ? 'is' : 'are'} deleted outright
          {drafts.length > 0 && `: tickets ${drafts.map((l) => `${l.ticketNumber} (${l.siteName})`).join(', ')}`}.
        </li>
        {result.truncated && (
          <li>
            {(result.loadsTotal - result.loads.length).toLocaleString('en-GB')} more {result.loadsTotal - result.loads.length === 1 ? 'load' : 'loads'}, not
            listed here, {result.loadsTotal - result.loads.length === 1 ? 'is' : 'are'} anonymised or deleted in the same way. A large erasure goes in steps; if
            it stops before the end you are told how many remain, and erase again to continue.
          </li>
        )}
        <li>The values are removed from the audit log too; the log records only that an erasure happened, with counts.</li>
      </ul>
      <h4 className="mb-1 font-bold">What the Digital Waste Tracking service still holds</h4>
      <p className="mb-2">
        {sent.length > 0
          ? `${sent.length} of these ${sent.length === 1 ? 'load was' : 'loads were'} already sent to DWT. `
          : 'None of these loads has been sent to DWT yet. '}
        Personal data already sent to DWT cannot be erased through the DWT API: DWT keeps the history, and the record of what was sent stays accountable.
        Erasure here is local. If the person asks for their data to be removed from DWT as well, contact DWT or the regulator for your nation.
      </p>
      {unsent.length > 0 && (
        <p className="mb-2">
          {unsent.length} {unsent.length === 1 ? 'load is' : 'loads are'} not sent yet: {unsent.length === 1 ? 'it' : 'they'} will be sent anonymised.
        </p>
      )}
      <p className="mb-4 font-semibold">This cannot be undone. Download the data first if the person asked for a copy.</p>
      <div className={`mb-4 ${problem?.startsWith('Confirm') ? 'border-l-4 border-danger-700 pl-3' : ''}`}>
        <div className="flex items-start gap-2">
          <input id="erase-confirm" type="checkbox" className="mt-0.5 h-5 w-5" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <label htmlFor="erase-confirm">I have checked the list above and want to erase this data</label>
        </div>
      </div>
      <div className="flex gap-4">
        <Button disabled={busy} onClick={() => void erase()} variant="warning">
          Erase now
        </Button>
        <Button onClick={() => setOpen(false)} variant="link">
          Cancel
        </Button>
      </div>
    </section>
  );
}
