'use client';
// The gatehouse: weigh a vehicle in (its registration, the first weight) or out (the second weight).
// A weight is taken from the indicator ("Take weight", only when it is steady: the server records its
// own latest steady reading, with the frame) or typed, with a reason where the site has an indicator.
// A known vehicle fills its carrier; one with a valid stored tare may be weighed in one pass.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/forms/button';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { ErrorSummary, type SummaryError } from '@/components/forms/error-summary';
import { fieldId } from '@/components/forms/field-id';
import { markPageAlive, typedBeforeHydration } from '@/components/forms/typed-before-hydration';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { findCarrierByVehicleAction, findStoredTareAction } from '@/lib/address-book/actions';
import { formatTareDate, type StoredTare } from '@/lib/address-book/tare-schema';
import type { WeightMetric } from '@/lib/dwt/schema';
import { weighInAction, weighOutAction, type WeighingActionResult } from '@/lib/loads/actions';
import type { WeightInput } from '@/lib/loads/weighing-schema';
import { convertWeight, formatWeight, UNIT_SYMBOL } from '@/lib/loads/weights';
import { uuidV4 } from '@/components/load-form/uuid';
import { useLiveWeight } from './use-live-weight';
import { useSerialWeight, type SerialReaderConfig } from './use-serial-weight';

export interface GatehouseSite {
  id: string;
  name: string;
  unit: WeightMetric;
  /** `serial`: the indicator is cabled to this PC and read by the browser (Web Serial). */
  weighbridges: { id: string; name: string; serial: SerialReaderConfig | null }[];
  manualNeedsReason: boolean;
}

export interface WeighOutLoad {
  id: string;
  ticketNumber: string;
  vehicleRegistration: string | null;
  carrierName: string | null;
  firstWeight: string;
  weighedInAt: string;
}

type Props = { site: GatehouseSite } & ({ mode: 'in' } | { mode: 'out'; load: WeighOutLoad });

const LIVE_STATE_WORDS: Record<string, string> = {
  stable: 'Steady',
  motion: 'Moving: wait until it is steady',
  overload: 'Overload',
  underload: 'Under zero',
  error: 'Indicator error',
  'no-unit': 'No unit from the indicator',
  'off-division': 'Not on the weighbridge’s division',
};

export function WeighForm(props: Props) {
  const { site } = props;
  const what = props.mode === 'in' ? 'first' : 'second';
  const [id] = useState(() => uuidV4());
  const [bridgeId, setBridgeId] = useState(site.weighbridges[0]?.id ?? null);
  // What the clerk typed before the page came alive is kept (typed-before-hydration.ts).
  const [registration, setRegistration] = useState(() => typedBeforeHydration(fieldId('vehicleRegistration')));
  const [carrierName, setCarrierName] = useState(() => typedBeforeHydration(fieldId('carrierName')));
  const [carrierId, setCarrierId] = useState('');
  const [carrierNote, setCarrierNote] = useState<string | null>(null);
  const [tare, setTare] = useState<StoredTare | null>(null);
  const [useTare, setUseTare] = useState(false);
  const [amount, setAmount] = useState(() => typedBeforeHydration(fieldId('amount')));
  const [reason, setReason] = useState(() => typedBeforeHydration(fieldId('reason')));
  const [saveAsTare, setSaveAsTare] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const serialConfig = site.weighbridges.find((w) => w.id === bridgeId)?.serial ?? null;
  const streamed = useLiveWeight(serialConfig ? null : bridgeId);
  const serialWeight = useSerialWeight(serialConfig);
  const live = serialConfig ? serialWeight.status : streamed;
  const takeRef = useRef<HTMLButtonElement>(null);

  /** The page's code is running (browser tests wait for it). */
  const [alive, setAlive] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    markPageAlive();
    setAlive(true);
    // The registration first, unless the clerk already typed into a field before the page came alive
    // (every field starts empty).
    const el = document.activeElement;
    const typing = el instanceof HTMLInputElement && el.type === 'text' && rootRef.current?.contains(el) && el.value !== '';
    if (props.mode === 'in' && !typing) document.getElementById(fieldId('vehicleRegistration'))?.focus();
    // Once, on opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function lookUpVehicle() {
    const reg = registration.trim();
    if (props.mode !== 'in' || reg.length < 2) return;
    const [carrier, stored] = await Promise.all([
      findCarrierByVehicleAction({ siteId: site.id, vehicleRegistration: reg }),
      findStoredTareAction({ siteId: site.id, vehicleRegistration: reg }),
    ]);
    if (carrier.ok && carrier.data) {
      setCarrierName(carrier.data.organisationName);
      setCarrierId(carrier.data.id);
      setCarrierNote(`Carrier filled in from the address book: ${carrier.data.organisationName}.`);
    } else {
      setCarrierId('');
      setCarrierNote(null);
    }
    setTare(stored.ok ? stored.data : null);
    if (!stored.ok || !stored.data) setUseTare(false);
  }

  async function submit(weight: WeightInput) {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const result: Awaited<ReturnType<typeof weighInAction>> =
        props.mode === 'in'
          ? await weighInAction({
              id,
              siteId: site.id,
              vehicleRegistration: registration,
              carrierName,
              carrierAddressBookId: carrierId,
              weight,
              useStoredTare: useTare,
            })
          : await weighOutAction({ loadId: props.load.id, weight, saveAsTare });
      if (!result.ok) {
        const next: Record<string, string> = {};
        for (const [k, v] of Object.entries(result.fieldErrors ?? {})) if (k !== '_form' && v[0]) next[k] = v[0];
        setErrors(next);
        if (Object.keys(next).length === 0) setFormError(result.formError ?? 'Something went wrong.');
        return;
      }
      window.location.assign(nextPage(result.data));
    } catch {
      setFormError('The answer from the server was lost. Check the On site now board before weighing again.');
    } finally {
      setBusy(false);
    }
  }

  const message = live.kind === 'live' ? live.message : null;
  const takeable = Boolean(message?.live?.takeable);
  const takeWeight = () => {
    if (!bridgeId || !takeable || busy) return;
    const reading = message?.live;
    // Read here through Web Serial: the server checks the frame it came with before it keeps the weight.
    if (serialConfig && reading && reading.kg !== null) void submit({ source: 'serial', weighbridgeId: bridgeId, raw: reading.raw, kg: reading.kg });
    else void submit({ source: 'indicator', weighbridgeId: bridgeId });
  };

  // F2 takes the weight from anywhere on the page (as the button does), only when it is steady.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'F2') return;
      event.preventDefault();
      takeRef.current?.click();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function onTyped(event: FormEvent) {
    event.preventDefault();
    void submit({ source: 'manual', amount, reason });
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ message: formError }] : []),
    ...Object.entries(errors).map(([k, v]) => ({
      fieldId: k === 'weight' ? 'take-weight' : fieldId(k === 'weight.amount' ? 'amount' : k === 'weight.reason' ? 'reason' : k),
      message: v,
    })),
  ];
  const unit = UNIT_SYMBOL[site.unit];
  const weightLabel = props.mode === 'in' ? `First weight (${unit})` : `Second weight (${unit})`;
  const liveKg = message?.live?.kg ?? null;

  return (
    <div ref={rootRef} data-alive={alive ? 'true' : undefined}>
      <ErrorSummary errors={summary} />
      {props.mode === 'out' && (
        <dl className="mb-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 border-l-4 border-slate-400 bg-white p-4">
          <dt className="font-semibold">Vehicle</dt>
          <dd>{props.load.vehicleRegistration ?? 'Not given'}</dd>
          <dt className="font-semibold">Carrier</dt>
          <dd>{props.load.carrierName ?? 'Not given'}</dd>
          <dt className="font-semibold">Ticket</dt>
          <dd>{props.load.ticketNumber}</dd>
          <dt className="font-semibold">Weighed in</dt>
          <dd>
            {props.load.weighedInAt}: {props.load.firstWeight}
          </dd>
        </dl>
      )}
      {props.mode === 'out' && props.load.vehicleRegistration && (
        <CheckboxField
          name="saveAsTare"
          label={`Keep this weight as ${props.load.vehicleRegistration}’s stored tare (the vehicle is empty)`}
          checked={saveAsTare}
          onChange={(e) => setSaveAsTare(e.target.checked)}
        />
      )}

      {props.mode === 'in' && (
        <section aria-labelledby="vehicle-heading" className="mb-6">
          <h2 id="vehicle-heading" className="mb-3 text-xl font-bold">
            Vehicle
          </h2>
          <TextField
            name="vehicleRegistration"
            label="Vehicle registration"
            autoComplete="off"
            className="uppercase"
            value={registration}
            error={errors.vehicleRegistration}
            onChange={(e) => setRegistration(e.target.value)}
            onBlur={() => void lookUpVehicle()}
          />
          <TextField
            name="carrierName"
            label="Carrier (optional)"
            hint="A vehicle in the address book fills this in. You can add the carrier’s details later."
            autoComplete="off"
            value={carrierName}
            error={errors.carrierName}
            onChange={(e) => {
              setCarrierName(e.target.value);
              setCarrierId('');
            }}
          />
          <p role="status" className="mb-2">
            {carrierNote}
          </p>
          {tare && (
            <CheckboxField
              name="useStoredTare"
              label={`Use stored tare (weighed ${formatTareDate(new Date(tare.weighedAt))}): ${formatWeight(convertWeight(tare.amount, tare.unit, site.unit), site.unit)}`}
              hint="The vehicle is weighed once, loaded: no need to weigh it out."
              checked={useTare}
              onChange={(e) => setUseTare(e.target.checked)}
            />
          )}
        </section>
      )}

      {site.weighbridges.length > 0 && (
        <section aria-labelledby="indicator-heading" className="mb-6">
          <h2 id="indicator-heading" className="mb-3 text-xl font-bold">
            {props.mode === 'in' ? 'First weight from the indicator' : 'Second weight from the indicator'}
          </h2>
          {site.weighbridges.length > 1 && (
            <SelectField
              name="weighbridge"
              label="Weighbridge"
              options={site.weighbridges.map((w) => ({ value: w.id, label: w.name }))}
              value={bridgeId ?? ''}
              onChange={(e) => setBridgeId(e.target.value)}
            />
          )}
          <div className="mb-3 max-w-md border-4 border-slate-700 bg-white p-4">
            <p className="text-sm text-slate-700">{site.weighbridges.find((w) => w.id === bridgeId)?.name ?? 'Weighbridge'}: live weight</p>
            <p className="font-mono text-5xl font-bold" data-testid="live-weight">
              {liveKg === null ? '– – –' : formatWeight(convertWeight(liveKg, 'Kilograms', site.unit), site.unit)}
            </p>
            <p className="font-semibold">
              {live.kind === 'connecting'
                ? 'Connecting to the indicator…'
                : live.kind === 'lost'
                  ? 'Connection to the indicator lost: retrying. You can type the weight instead.'
                  : live.kind === 'refused'
                    ? live.error
                    : message?.live
                      ? (LIVE_STATE_WORDS[message.live.state] ?? message.live.state)
                      : 'No reading from the indicator. You can type the weight instead.'}
            </p>
          </div>
          {serialConfig && serialWeight.needsChoice && !serialWeight.unsupported && (
            <Button variant="secondary" className="mb-3" onClick={() => void serialWeight.connect()}>
              Connect the indicator (cable on this PC)
            </Button>
          )}
          {errors.weight && (
            <p id="weight-error" className="mb-2 font-semibold text-danger-700">
              <span className="sr-only">Error: </span>
              {errors.weight}
            </p>
          )}
          <Button
            ref={takeRef}
            id="take-weight"
            disabled={!takeable || busy}
            aria-describedby={errors.weight ? 'weight-error' : undefined}
            onClick={takeWeight}
          >
            {busy
              ? 'Saving…'
              : props.mode === 'in'
                ? useTare
                  ? 'Take weight and finish (one pass)'
                  : 'Take weight and weigh in'
                : 'Take weight and weigh out'}
          </Button>
          <p className="mt-1 text-sm text-slate-700">Only when the weight is steady. Shortcut: F2.</p>
        </section>
      )}

      <form onSubmit={onTyped} noValidate aria-labelledby="typed-heading" className="mb-6">
        <h2 id="typed-heading" className="mb-3 text-xl font-bold">
          {site.weighbridges.length > 0 ? 'Or type the weight' : props.mode === 'in' ? 'First weight' : 'Second weight'}
        </h2>
        {site.weighbridges.length === 0 && errors.weight && (
          <p id="take-weight" tabIndex={-1} className="mb-2 font-semibold text-danger-700">
            <span className="sr-only">Error: </span>
            {errors.weight}
          </p>
        )}
        <TextField
          name="amount"
          label={weightLabel}
          hint={`As the indicator shows it, like ${site.unit === 'Kilograms' ? '14,320' : '14.32'}.`}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          error={errors['weight.amount']}
          onChange={(e) => setAmount(e.target.value)}
        />
        {site.manualNeedsReason && (
          <TextField
            name="reason"
            label="Why are you typing the weight?"
            hint="This site has an indicator: a typed weight is marked on the ticket and in the history."
            autoComplete="off"
            value={reason}
            error={errors['weight.reason']}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <Button type="submit" disabled={busy}>
          {busy
            ? 'Saving…'
            : props.mode === 'in'
              ? useTare
                ? 'Weigh in with this weight (one pass)'
                : 'Weigh in with this weight'
              : 'Weigh out with this weight'}
        </Button>
      </form>
      <p className="text-sm text-slate-700">The {what} weight is saved at once; nothing is sent to DWT until the vehicle has been weighed out.</p>
    </div>
  );
}

/** Where the clerk goes next: the board after weighing in; the load's form to finish it, or the load. */
function nextPage(r: WeighingActionResult): string {
  if (r.status === 'ON_SITE') return `/on-site?weighed-in=${encodeURIComponent(r.ticketNumber)}`;
  if (r.status === 'DRAFT') return `/loads/${r.loadId}/edit?weighed=1`;
  return `/loads/${r.loadId}?weighed=1`;
}
