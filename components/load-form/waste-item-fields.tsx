'use client';
// One waste item: EWC codes, description, form, containers, weight (one amount, or gross and tare
// from the weighbridge with the net worked out), POPs and hazardous details when ticked, and disposal
// or recovery codes (which may be added later).
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { EwcCodesField } from '@/components/ewc-codes-field';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { fieldId } from '@/components/forms/field-id';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { PHYSICAL_FORMS, WEIGHT_METRICS } from '@/lib/dwt/values';
import { weightQuestion, type SiteWeightHistory } from '@/lib/loads/plausibility';
import { itemNet, type LoadFormValues, type WasteItemFormValues } from '@/lib/loads/form-values';
import { convertWeight, formatWeight, parseWeight, roundWeight } from '@/lib/loads/weights';
import type { ReferenceLookups } from '@/lib/reference-data/catalogue';
import { errorAt } from './form-errors';
import { smallLists } from './small-lists';
import { Button } from '@/components/forms/button';

const metricOptions = WEIGHT_METRICS.map((m) => ({ value: m, label: m }));
// The POP and hazardous details, shown when ticked: their own chunk (item-details.tsx), not the page's.
// React.lazy rather than next/dynamic, whose loader code would be the page's instead.
const PopsFields = lazy(() => import('./item-details').then((m) => ({ default: m.PopsFields })));
const HazardousFields = lazy(() => import('./item-details').then((m) => ({ default: m.HazardousFields })));

export function WasteItemFields({
  index,
  lookups,
  lookupsFailed,
  history,
  topEwcCodes,
  count,
  onRemove,
  onDuplicate,
  weighed,
}: {
  /** Weighed at the gatehouse (two-pass weighing): the weighings in words; the weights are then not typed here. */
  weighed?: string;
  index: number;
  lookups?: ReferenceLookups;
  lookupsFailed: boolean;
  history: SiteWeightHistory;
  topEwcCodes: readonly string[];
  count: number;
  onRemove(): void;
  onDuplicate(): void;
}) {
  const { register, control, formState, setValue } = useFormContext<LoadFormValues>();
  const p = `wasteItems.${index}` as const;
  const e = (name: string) => errorAt(formState.errors, `${p}.${name}`);
  const lists = smallLists(lookups);
  const item = useWatch({ control, name: p }) as WasteItemFormValues;
  const [meansOfTransport, vehicleRegistration] = useWatch({ control, name: ['carrier.meansOfTransport', 'carrier.vehicleRegistration'] });
  const { weightMode, containsPops, containsHazardous } = item;
  const metric = item.weight.metric;
  const net = itemNet(item);
  const question = weightQuestion(
    { weightMode, metric, amount: item.weight.amount, gross: item.weighbridge.gross, tare: item.weighbridge.tare, typeOfContainers: item.typeOfContainers },
    { history, meansOfTransport, vehicleRegistration },
  );

  // A hazardous EWC code (marked *) opens the hazardous details: DWT will ask for them.
  const hazardousCodes = lookups ? item.ewcCodes.filter((c) => lookups.isHazardousEwcCode(c)).join() : '';
  const seenHazardous = useRef(hazardousCodes);
  useEffect(() => {
    if (hazardousCodes !== '' && hazardousCodes !== seenHazardous.current) setValue(`${p}.containsHazardous`, true, { shouldDirty: true });
    seenHazardous.current = hazardousCodes;
  }, [hazardousCodes, p, setValue]);

  return (
    <fieldset className="mb-6 border-2 border-slate-300 bg-white p-4" aria-labelledby={`${fieldId(p)}-legend`}>
      <legend id={`${fieldId(p)}-legend`} className="px-1 text-lg font-bold">
        Waste item {index + 1}
      </legend>
      <Controller
        control={control}
        name={`${p}.ewcCodes`}
        render={({ field }) => (
          <EwcCodesField
            name={field.name}
            label="EWC codes"
            hint="Type the code or words from its description. Up to 5 codes; hazardous codes are marked."
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={e('ewcCodes')}
            lookups={lookups}
            lookupsFailed={lookupsFailed}
            preferred={topEwcCodes}
          />
        )}
      />
      <TextField label="Description of the waste" autoComplete="off" error={e('wasteDescription')} {...register(`${p}.wasteDescription`)} />
      <div className="grid gap-x-6 md:grid-cols-3">
        <SelectField
          label="Physical form"
          placeholder="Choose"
          options={PHYSICAL_FORMS.map((f) => ({ value: f, label: f }))}
          error={e('physicalForm')}
          {...register(`${p}.physicalForm`)}
        />
        <TextField
          label="Number of containers"
          inputMode="numeric"
          autoComplete="off"
          error={e('numberOfContainers')}
          {...register(`${p}.numberOfContainers`)}
        />
        <SelectField
          label="Type of containers"
          placeholder="Choose"
          options={lists.containerTypes}
          error={e('typeOfContainers')}
          {...register(`${p}.typeOfContainers`)}
        />
      </div>

      {weighed ? (
        <div className="mb-4 border-l-4 border-slate-400 bg-white p-3">
          <p className="font-semibold">Weight</p>
          <p data-testid={`weighed-${index}`}>{weighed}</p>
          <p className="text-sm text-slate-700">Weighed on the weighbridge: the weights are not typed here.</p>
        </div>
      ) : (
        <fieldset className="mb-4">
          <legend className="font-semibold">Weight</legend>
          <div className="mb-2 flex flex-wrap gap-x-6">
            <label className="flex items-center gap-2">
              <input type="radio" value="weighbridge" className="h-5 w-5" {...register(`${p}.weightMode`)} /> Gross and tare from the weighbridge
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" value="single" className="h-5 w-5" {...register(`${p}.weightMode`)} /> One weight
            </label>
          </div>
          <div className="grid gap-x-6 md:grid-cols-4">
            {/* The unit first: the weights below are read in it. */}
            <SelectField label="Unit" options={metricOptions} error={e('weight.metric')} {...register(`${p}.weight.metric`)} />
            {weightMode === 'weighbridge' ? (
              <>
                <TextField
                  label="Gross weight"
                  hint={`In ${metric.toLowerCase()}`}
                  inputMode="decimal"
                  autoComplete="off"
                  error={e('weighbridge.gross')}
                  {...register(`${p}.weighbridge.gross`)}
                />
                <TextField
                  label="Tare weight"
                  hint={`In ${metric.toLowerCase()}`}
                  inputMode="decimal"
                  autoComplete="off"
                  error={e('weighbridge.tare')}
                  {...register(`${p}.weighbridge.tare`)}
                />
                <div className="mb-5">
                  <p className="font-semibold">Net weight</p>
                  <p className="mt-1 py-1.5 text-lg" aria-live="polite" data-testid={`net-${index}`}>
                    {net === undefined
                      ? '—'
                      : Number.isNaN(net)
                        ? 'Check the weights'
                        : `${net.toLocaleString('en-GB', { maximumFractionDigits: 6 })} ${metric}`}
                  </p>
                </div>
              </>
            ) : (
              <>
                <TextField
                  label="Weight"
                  hint={`In ${metric.toLowerCase()}`}
                  inputMode="decimal"
                  autoComplete="off"
                  error={e('weight.amount')}
                  {...register(`${p}.weight.amount`)}
                />
                <div className="pt-7">
                  <CheckboxField label="Estimated" {...register(`${p}.weight.isEstimate`)} />
                </div>
              </>
            )}
          </div>
        </fieldset>
      )}
      <div>
        {(question || e('weightConfirmed')) && (
          <div className="mb-4 border-l-4 border-danger-700 bg-white pl-3">
            {!e('weightConfirmed') && question && <p className="font-semibold">{question}</p>}
            <CheckboxField
              label={`The weight is right${net !== undefined && !Number.isNaN(net) ? `: ${formatWeight(net, metric)}` : ''}`}
              error={e('weightConfirmed')}
              {...register(`${p}.weightConfirmed`)}
            />
          </div>
        )}
      </div>

      <CheckboxField label="Contains POPs (persistent organic pollutants)" error={e('containsPops')} {...register(`${p}.containsPops`)} />
      {containsPops && (
        <Suspense fallback={null}>
          <PopsFields index={index} lookups={lookups} />
        </Suspense>
      )}
      <CheckboxField label="Has hazardous properties" error={e('containsHazardous')} {...register(`${p}.containsHazardous`)} />
      {containsHazardous && (
        <Suspense fallback={null}>
          <HazardousFields index={index} lookups={lookups} />
        </Suspense>
      )}

      <DisposalOrRecoveryFields index={index} codes={lists.disposalOrRecoveryCodes} net={net} metric={metric} />

      <div className="flex flex-wrap gap-3 border-t border-slate-300 pt-3">
        <Button variant="secondary" size="sm" onClick={onDuplicate}>
          Duplicate item {index + 1}
        </Button>
        {count > 1 && (
          <Button variant="secondary" size="sm" className="text-danger-700" onClick={onRemove}>
            Remove item {index + 1}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

/** The net weight shared out to the codes still following it: the last of them takes what the others leave. */
function followingAmounts(codes: WasteItemFormValues['disposalOrRecoveryCodes'], net: number, metric: WasteItemFormValues['weight']['metric']) {
  const following = codes.map((c, i) => (c.followsNet ? i : -1)).filter((i) => i >= 0);
  if (following.length === 0) return new Map<number, string>();
  const typed = codes.reduce((sum, c) => {
    if (c.followsNet) return sum;
    const w = parseWeight(c.weight.amount, c.weight.metric);
    return w === undefined || Number.isNaN(w) ? sum : sum + convertWeight(w, c.weight.metric, metric);
  }, 0);
  const rest = roundWeight(Math.max(0, net - typed));
  return new Map(following.map((i, n) => [i, n === following.length - 1 ? String(rest) : '0']));
}

function DisposalOrRecoveryFields({
  index,
  codes,
  net,
  metric,
}: {
  index: number;
  codes: { value: string; label: string }[];
  net: number | undefined;
  metric: WasteItemFormValues['weight']['metric'];
}) {
  const { register, control, formState, getValues, setValue } = useFormContext<LoadFormValues>();
  const p = `wasteItems.${index}.disposalOrRecoveryCodes` as const;
  const { fields, append, remove } = useFieldArray({ control, name: p });
  const e = (name: string) => errorAt(formState.errors, `wasteItems.${index}.${name}`);
  const current = (useWatch({ control, name: p }) ?? []) as WasteItemFormValues['disposalOrRecoveryCodes'];
  const reasonName = `wasteItems.${index}.codesWeightReason` as const;

  // A code's weight follows the net weight until the clerk types it.
  const usableNet = net !== undefined && !Number.isNaN(net) && net > 0 ? net : undefined;
  const followSignature = current.map((c) => `${c.followsNet ? 'f' : c.weight.amount}:${c.weight.metric}`).join('|');
  useEffect(() => {
    const list = getValues(p) ?? [];
    if (usableNet === undefined) return;
    for (const [i, amount] of followingAmounts(list, usableNet, metric)) {
      if (list[i]!.weight.amount !== amount) setValue(`${p}.${i}.weight.amount`, amount);
      if (list[i]!.weight.metric !== metric) setValue(`${p}.${i}.weight.metric`, metric);
    }
  }, [usableNet, metric, followSignature, getValues, setValue, p]);

  // Do the codes' weights add up to the net? If not, the clerk says why (or corrects them).
  const amounts = current.map((c) => (c.weight.amount.trim() === '' ? undefined : parseWeight(c.weight.amount, c.weight.metric)));
  const sum =
    amounts.length > 0 && amounts.every((w): w is number => w !== undefined && !Number.isNaN(w))
      ? roundWeight(amounts.reduce((acc, w, j) => acc + convertWeight(w, current[j]!.weight.metric, metric), 0))
      : undefined;
  const mismatch = usableNet !== undefined && sum !== undefined && Math.abs(sum - usableNet) > Math.max(1e-6, usableNet * 1e-6);

  return (
    <fieldset className="mb-4">
      <legend className="font-semibold">Disposal or recovery codes (optional: they can be added later)</legend>
      {fields.map((f, i) => (
        <div key={f.id} className="grid items-end gap-x-4 md:grid-cols-[3fr_1fr_1fr_auto]">
          <SelectField
            label={`Code ${i + 1}`}
            placeholder="Choose"
            options={codes}
            error={e(`disposalOrRecoveryCodes.${i}.code`)}
            {...register(`${p}.${i}.code`)}
          />
          <TextField
            label={`Code ${i + 1} weight`}
            inputMode="decimal"
            autoComplete="off"
            error={e(`disposalOrRecoveryCodes.${i}.weight.amount`)}
            {...register(`${p}.${i}.weight.amount`, { onChange: () => setValue(`${p}.${i}.followsNet`, false) })}
          />
          <SelectField
            label={`Code ${i + 1} unit`}
            options={metricOptions}
            {...register(`${p}.${i}.weight.metric`, { onChange: () => setValue(`${p}.${i}.followsNet`, false) })}
          />
          <Button variant="secondary" size="sm" className="mb-5" onClick={() => remove(i)}>
            Remove code {i + 1}
          </Button>
        </div>
      ))}
      {(mismatch || e('codesWeightReason')) && (
        <TextField
          label="Why the codes’ weights differ from the net weight"
          hint={
            sum !== undefined && usableNet !== undefined
              ? `They add up to ${formatWeight(sum, metric)}; the net weight is ${formatWeight(usableNet, metric)}.`
              : undefined
          }
          autoComplete="off"
          error={e('codesWeightReason')}
          {...register(reasonName)}
        />
      )}
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          append({ code: '', weight: { metric, amount: '', isEstimate: false }, followsNet: true }, { shouldFocus: false });
          const added = fields.length;
          requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(fieldId(`${p}.${added}.code`))?.focus()));
        }}
      >
        Add a disposal or recovery code
      </Button>
    </fieldset>
  );
}
