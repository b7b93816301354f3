'use client';
// A carrier's vehicles and their stored tares (address book): record a tare typed by hand, or forget one.
// Tares taken from an empty weighing at the gatehouse arrive here by themselves.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/forms/button';
import { ErrorSummary } from '@/components/forms/error-summary';
import { fieldId } from '@/components/forms/field-id';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { recordTareAction, removeTareAction } from '@/lib/address-book/actions';
import { formatTareDate, TARE_UNITS, type TareUnit } from '@/lib/address-book/tare-schema';

export interface VehicleTareRow {
  vehicleRegistration: string;
  tare: { amount: number; unit: TareUnit; weighedAt: string; source: 'indicator' | 'manual'; expired: boolean } | null;
}

const UNIT_SYMBOL: Record<TareUnit, string> = { Kilograms: 'kg', Tonnes: 't' };

export function VehicleTares({ siteId, rows }: { siteId: string; rows: VehicleTareRow[] }) {
  const router = useRouter();
  const [vehicle, setVehicle] = useState(rows[0]?.vehicleRegistration ?? '');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<TareUnit>('Kilograms');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function record(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setNotice(null);
    const result = await recordTareAction({ siteId, vehicleRegistration: vehicle, amount, unit, reason });
    setBusy(false);
    if (!result.ok) {
      const next: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.fieldErrors ?? {})) if (v[0]) next[k] = v[0];
      setErrors(Object.keys(next).length ? next : { _form: result.formError ?? 'Something went wrong.' });
      return;
    }
    setAmount('');
    setReason('');
    setNotice(`Stored tare for ${result.data.vehicleRegistration} saved.`);
    router.refresh();
  }

  async function remove(reg: string) {
    const result = await removeTareAction({ siteId, vehicleRegistration: reg });
    setNotice(result.ok ? `Stored tare for ${reg} removed.` : (result.formError ?? 'Could not remove it.'));
    router.refresh();
  }

  const summary = Object.entries(errors).map(([k, message]) => ({ fieldId: k === '_form' ? undefined : fieldId(`tare.${k}`), message }));
  return (
    <section aria-labelledby="tares-heading" className="mt-8 max-w-3xl">
      <h2 id="tares-heading" className="mb-3 text-xl font-bold">
        Stored tares
      </h2>
      <p className="mb-3">A vehicle with a valid stored tare is weighed once, loaded, at the gatehouse.</p>
      <table className="mb-4 w-full border-collapse bg-white text-left">
        <caption className="sr-only">Stored tares of this carrier’s vehicles</caption>
        <thead>
          <tr className="border-b-2 border-slate-700">
            <th scope="col" className="p-2">
              Vehicle
            </th>
            <th scope="col" className="p-2">
              Stored tare
            </th>
            <th scope="col" className="p-2">
              Weighed
            </th>
            <th scope="col" className="p-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.vehicleRegistration} className="border-b border-slate-300">
              <th scope="row" className="p-2 font-mono">
                {r.vehicleRegistration}
              </th>
              <td className="p-2">{r.tare ? `${r.tare.amount.toLocaleString('en-GB')} ${UNIT_SYMBOL[r.tare.unit]}` : 'None'}</td>
              <td className="p-2">
                {r.tare
                  ? `${formatTareDate(new Date(r.tare.weighedAt))} (${r.tare.source === 'indicator' ? 'indicator' : 'typed'})${r.tare.expired ? ', expired' : ''}`
                  : '–'}
              </td>
              <td className="p-2">
                {r.tare && (
                  <Button variant="secondary" size="sm" onClick={() => void remove(r.vehicleRegistration)}>
                    Remove<span className="sr-only"> the stored tare of {r.vehicleRegistration}</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {notice && (
        <p role="status" className="mb-2">
          {notice}
        </p>
      )}
      {rows.length > 0 && (
        <form onSubmit={record} noValidate aria-labelledby="record-tare-heading" className="border-l-4 border-slate-300 pl-4">
          <h3 id="record-tare-heading" className="mb-2 text-lg font-bold">
            Record a tare by hand
          </h3>
          <ErrorSummary errors={summary} />
          <SelectField
            name="tare.vehicleRegistration"
            label="Vehicle"
            options={rows.map((r) => ({ value: r.vehicleRegistration, label: r.vehicleRegistration }))}
            value={vehicle}
            error={errors.vehicleRegistration}
            onChange={(e) => setVehicle(e.target.value)}
          />
          <TextField
            name="tare.amount"
            label="Tare weight"
            hint="The empty vehicle’s weight, like 11,240."
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            error={errors.amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          <SelectField
            name="tare.unit"
            label="Unit"
            options={TARE_UNITS.map((u) => ({ value: u, label: u }))}
            value={unit}
            error={errors.unit}
            onChange={(e) => setUnit(e.target.value as TareUnit)}
          />
          <TextField
            name="tare.reason"
            label="Where the figure comes from (optional)"
            hint="Like: the haulier’s certificate of 3 November."
            autoComplete="off"
            value={reason}
            error={errors.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save the stored tare'}
          </Button>
        </form>
      )}
    </section>
  );
}
