'use client';
// Every site's address-book entries, with a merge of duplicates: tick two or more entries of one site
// and kind, choose the one to keep, and merge (its vehicles gain theirs; loads filled from them point at it).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { ErrorSummary } from '@/components/forms/error-summary';
import { mergePartiesAction } from '@/lib/address-book/actions';
import type { AdminPartyEntry } from '@/lib/address-book/schema';
import { Button } from '@/components/forms/button';

type Entry = Omit<AdminPartyEntry, 'updatedAt'> & { updatedAt: string };
const th = 'p-2 text-left align-bottom';
const td = 'p-2 align-top';

export function AddressBookTable({ entries, total }: { entries: Entry[]; total: number }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [survivorId, setSurvivorId] = useState<string>('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  const chosen = entries.filter((e) => selected.includes(e.id));

  function toggle(id: string, on: boolean) {
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
    if (!on && survivorId === id) setSurvivorId('');
  }

  async function merge() {
    if (!survivorId) {
      setProblem('Choose the entry to keep');
      return;
    }
    setBusy(true);
    const result = await mergePartiesAction({ survivorId, mergedIds: selected.filter((id) => id !== survivorId) });
    setBusy(false);
    if (!result.ok) {
      setProblem(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.formError ?? 'The entries could not be merged.');
      return;
    }
    const kept = entries.find((e) => e.id === survivorId)?.organisationName ?? 'the entry';
    setProblem(null);
    setSelected([]);
    setSurvivorId('');
    setDone(
      `Merged ${result.data.merged} ${result.data.merged === 1 ? 'entry' : 'entries'} into ${kept}; ${result.data.loadsRepointed} ${result.data.loadsRepointed === 1 ? 'load now points' : 'loads now point'} at it.`,
    );
    router.refresh();
    requestAnimationFrame(() => status.current?.focus());
  }

  return (
    <>
      {done && (
        <p role="status" ref={status} tabIndex={-1} className="mb-4 border-l-4 border-brand-600 bg-brand-50 p-3">
          {done}
        </p>
      )}
      {entries.length === 0 ? (
        <p>No entries match.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="mb-2 text-left">
              {total} {total === 1 ? 'entry' : 'entries'}. Tick duplicates to merge them.
            </caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className={th}>
                  <span className="sr-only">Select to merge</span>
                </th>
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
                  Registration number
                </th>
                <th scope="col" className={th}>
                  Contact
                </th>
                <th scope="col" className={th}>
                  Vehicles
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-slate-300">
                  <td className={td}>
                    <input
                      type="checkbox"
                      className="h-5 w-5"
                      aria-label={`Select ${e.organisationName} (${e.siteName}) to merge`}
                      checked={selected.includes(e.id)}
                      onChange={(ev) => toggle(e.id, ev.target.checked)}
                    />
                  </td>
                  <th scope="row" className={`${td} font-semibold`}>
                    <Link href={`/admin/address-book/${e.id}`} className="text-brand-700 underline">
                      {e.organisationName}
                    </Link>
                  </th>
                  <td className={td}>{e.siteName}</td>
                  <td className={td}>{e.kind === 'CARRIER' ? 'Carrier' : 'Broker or dealer'}</td>
                  <td className={td}>{e.registrationNumber ?? '—'}</td>
                  <td className={td}>{[e.emailAddress, e.phoneNumber, e.postcode].filter(Boolean).join(', ') || '—'}</td>
                  <td className={td}>{e.vehicleRegistrations.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen.length >= 2 && (
        <section aria-labelledby="merge-heading" className="mt-6 max-w-3xl border-2 border-slate-700 bg-white p-5">
          <h2 id="merge-heading" className="mb-2 text-xl font-bold">
            Merge {chosen.length} entries
          </h2>
          <ErrorSummary
            errors={problem ? [{ message: problem, ...(problem === 'Choose the entry to keep' ? { fieldId: `keep-${chosen[0]!.id}` } : {}) }] : []}
          />
          <fieldset className="mb-4">
            <legend className="mb-2 font-semibold">Which entry do you want to keep?</legend>
            <p className="mb-2 text-sm text-slate-700">The others are deleted; their vehicles are added to it, and loads filled from them point at it.</p>
            {chosen.map((e) => (
              <div key={e.id} className="flex items-center gap-2">
                <input
                  type="radio"
                  id={`keep-${e.id}`}
                  name="survivor"
                  className="h-5 w-5"
                  checked={survivorId === e.id}
                  onChange={() => setSurvivorId(e.id)}
                />
                <label htmlFor={`keep-${e.id}`}>
                  {e.organisationName} ({e.siteName}
                  {e.registrationNumber ? `, ${e.registrationNumber}` : ''})
                </label>
              </div>
            ))}
          </fieldset>
          <Button disabled={busy} onClick={() => void merge()}>
            Merge entries
          </Button>
        </section>
      )}
    </>
  );
}
