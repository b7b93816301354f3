'use client';
// The receipt form: log a new load, or correct one. Checks run here with DWT's own rules while the
// driver waits, and again on the server. Save commits the load to PostgreSQL, then sends it to DWT.
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Controller, FormProvider, useFieldArray, useForm, useFormContext, useWatch, type Resolver } from 'react-hook-form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { fieldId } from '@/components/forms/field-id';
import { markPageAlive } from '@/components/forms/typed-before-hydration';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { useReferenceLookups } from '@/components/reference-data/use-reference-data';
import { REASON_FOR_NO_CONSIGNMENT_CODE_LABELS } from '@/lib/dwt/labels';
import { REASONS_FOR_NO_CONSIGNMENT_CODE, type WeightMetric } from '@/lib/dwt/values';
import { lastLoadForCarrierAction, submitLoadAction, type SubmitLoadResult } from '@/lib/loads/actions';
import { receivedForDisplay, receivedFromTyping } from '@/lib/loads/received-time';
import { emptyWasteItemIn, withoutWeights, type LoadFormValues } from '@/lib/loads/form-values';
import type { SiteWeightHistory } from '@/lib/loads/plausibility';
import type { ReceivingSite } from '@/lib/sites/receiving-site';
import { instantToUkLocal } from '@/lib/time/uk-time';
import { clearAutosave, readAutosave, typedSomething, writeAutosave } from './autosave';
import { CorrectionReasonField, correctionReasonErrors, correctionReasonOf } from './correction-reason-field';
import { errorAt, formFieldName, toErrorTree } from './form-errors';
import { BrokerFields, CarrierFields } from './party-fields';
import { uuidV4 } from './uuid';
import { VehicleRepeatOffer } from './vehicle-repeat-offer';
import { WasteItemFields } from './waste-item-fields';
import { Button } from '@/components/forms/button';
import { TextareaField } from '@/components/forms/textarea-field';
import { FORM_ERROR_KEY } from '@/lib/errors';

export interface LoadFormProps {
  site: {
    id: string;
    name: string;
    receiving: ReceivingSite;
    /** The unit the site's weighbridge reads in: new waste items start in it. */
    unit: WeightMetric;
    /** The site's past weights, for the plausibility check. */
    history: SiteWeightHistory;
    /** The EWC codes the site takes most, ranked first in the search. */
    topEwcCodes: string[];
  };
  initial: LoadFormValues;
  /** Set when correcting a saved load (`reasonRequired`: the correction must say why). */
  existing?: { id: string; version: number; ticketNumber: string; reasonRequired?: boolean };
  /** Slots for the address-book pickers (kept out of this file so it stays about the load). */
  renderCarrierPicker?: (api: PartyApi) => React.ReactNode;
  renderVehicleLookup?: (api: PartyApi) => React.ReactNode;
  renderBrokerPicker?: (api: PartyApi) => React.ReactNode;
  /**
   * Weighed at the gatehouse: the weighings in words (shown instead of the first item's weight fields),
   * and whether the vehicle is still on site (the load is then saved, not sent, until it is weighed out).
   */
  weighing?: { summary: string; onSite: boolean };
}

/** What an address-book picker may do to the form. */
export interface PartyApi {
  siteId: string;
  vehicleRegistration: string;
  carrierName: string;
  fillCarrier(values: Partial<LoadFormValues['carrier']>): void;
  fillBroker(values: Partial<LoadFormValues['brokerOrDealer']>): void;
}

/** DWT's rules and the form's own (lib/loads/schema.ts): a chunk of their own, loaded on first use. */
const loadChecks = () => import('@/lib/loads/schema');
/** What a save shows: its own chunk, as nothing shows it before the first save (React.lazy: next/dynamic's loader would be the page's). */
const OutcomePanel = lazy(() => import('./outcome-panel').then((m) => ({ default: m.OutcomePanel })));
/**
 * What the form may need soon after it opens, fetched once it is up rather than with the page: the checks,
 * the outcome panel, and the POP and hazardous sections, so a tick or a save never waits on the network.
 */
const prefetchAfterOpening = () => Promise.all([loadChecks(), import('./outcome-panel'), import('./item-details')]);

/** The focused field of the form holds something other than its starting value: the clerk is typing in it. */
function typedBeforeAlive(form: HTMLFormElement | null, initial: LoadFormValues): boolean {
  const el = document.activeElement;
  if (!form || !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) || !form.contains(el) || !el.name) return false;
  let start: unknown = initial;
  for (const key of el.name.split('.')) start = start !== null && typeof start === 'object' ? (start as Record<string, unknown>)[key] : undefined;
  return el.value !== (typeof start === 'string' || typeof start === 'number' ? String(start) : '');
}

export function LoadForm({ site, initial, existing, renderCarrierPicker, renderVehicleLookup, renderBrokerPicker, weighing }: LoadFormProps) {
  const { lookups, error: lookupsError } = useReferenceLookups();
  const [identity, setIdentity] = useState(() => ({ id: existing?.id ?? uuidV4(), version: existing?.version ?? null }));
  const [outcome, setOutcome] = useState<SubmitLoadResult | null>(null);
  const [busy, setBusy] = useState<'send' | 'draft' | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Someone else saved this load since the form opened: nothing was saved, and what was typed stays. */
  const [conflict, setConflict] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  /** The form's code is running (browser tests wait for it rather than for the network). */
  const [alive, setAlive] = useState(false);

  // The checks come with the code lists, which they need: fetched once the lists have arrived, so they
  // are in hand long before the first save, without weighing on the page's first download.
  useEffect(() => {
    if (lookups) void prefetchAfterOpening().catch(() => undefined);
  }, [lookups]);
  const resolver = useMemo<Resolver<LoadFormValues>>(
    () => async (values) => {
      const checks = lookups ? await loadChecks().catch(() => null) : null;
      if (!lookups || !checks) return { values, errors: {} }; // the server checks everything anyway
      const check = checks.checkLoadForm(values, { lookups, site: site.receiving, history: site.history });
      const fieldErrors = { ...(check.ok ? {} : check.fieldErrors), ...correctionReasonErrors(values, Boolean(existing?.reasonRequired)) };
      return Object.keys(fieldErrors).length === 0 ? { values, errors: {} } : { values: {}, errors: toErrorTree(fieldErrors) };
    },
    [lookups, site.receiving, site.history, existing?.reasonRequired],
  );
  const form = useForm<LoadFormValues>({ defaultValues: initial, resolver, shouldFocusError: false, mode: 'onSubmit', reValidateMode: 'onChange' });
  const { applyResult, summary, setFormError } = useActionForm(form, { fieldName: formFieldName });
  const items = useFieldArray({ control: form.control, name: 'wasteItems' });
  const values = useWatch({ control: form.control }) as LoadFormValues;

  // Keep a new load in the browser until the server has it: only once something is typed, and a
  // restored load gets a fresh time unless the clerk had set one.
  useEffect(() => {
    markPageAlive();
    setAlive(true);
    if (existing) return;
    const saved = readAutosave(site.id);
    if (saved && saved.values && typedSomething(saved.values, initial)) {
      const values = saved.values.dateTimeIsNow ? { ...saved.values, dateTimeReceived: initial.dateTimeReceived } : saved.values;
      // The ticket number suggested then may be taken now: suggest today's.
      form.reset(saved.values.ticketNumberIsSuggested ? { ...values, yourUniqueReference: initial.yourUniqueReference } : values);
      setIdentity({ id: saved.id, version: null });
      setRestored(saved.savedAt);
    } else if (saved) {
      clearAutosave(site.id);
    }
    // A new load starts at the vehicle registration, the first thing the clerk reads off the lorry,
    // unless the clerk already typed into a field before the form came alive (then the focus stays).
    if (!typedBeforeAlive(formRef.current, initial)) document.getElementById(fieldId('carrier.vehicleRegistration'))?.focus();
    // Once, on opening the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (existing || outcome) return;
    const timer = setTimeout(() => {
      if (typedSomething(values, initial)) writeAutosave(site.id, { id: identity.id, savedAt: new Date().toISOString(), values });
      else clearAutosave(site.id);
    }, 400);
    return () => clearTimeout(timer);
  }, [values, existing, outcome, identity.id, site.id, initial]);

  /** The suggested time is "now": it moves to when the clerk starts typing, as the load is then at the window. */
  const timeRefreshed = useRef(false);
  function onFirstTyping(event: React.FormEvent<HTMLFormElement>) {
    if (timeRefreshed.current || existing) return;
    timeRefreshed.current = true;
    if ((event.target as HTMLElement).id === fieldId('dateTimeReceived')) return;
    if (form.getValues('dateTimeIsNow')) form.setValue('dateTimeReceived', instantToUkLocal(new Date()));
  }

  const anyHazardous = Boolean(lookups && values.wasteItems?.some((i) => i.ewcCodes?.some((c) => lookups.isHazardousEwcCode(c))));
  const showConsignment = anyHazardous || Boolean(values.hazardousWasteConsignmentCode || values.reasonForNoConsignmentCode);

  async function submit(intent: 'send' | 'draft', formValues: LoadFormValues) {
    setBusy(intent);
    setNotice(null);
    try {
      const correctionReason = existing?.reasonRequired ? correctionReasonOf(formValues) : undefined;
      const result = await submitLoadAction({
        id: identity.id,
        siteId: site.id,
        expectedVersion: identity.version,
        intent,
        form: formValues,
        correctionReason,
      });
      setConflict(!result.ok && result.code === 'conflict');
      if (!applyResult(result)) return;
      const data = result.data;
      // Waste details of a vehicle still on site: saved; back to the board to weigh it out later.
      if (data.status === 'ON_SITE') return window.location.assign(`/on-site?details-saved=${encodeURIComponent(data.ticketNumber)}`);
      setIdentity({ id: data.loadId, version: data.version });
      form.setValue('yourUniqueReference', data.ticketNumber);
      form.setValue('ticketNumberIsSuggested', false);
      if (!existing) clearAutosave(site.id);
      // The save may have added a carrier or a vehicle: searches cached before it are stale.
      void import('@/components/party-picker').then((m) => m.invalidateAddressBook(site.id)).catch(() => undefined);
      if (data.status === 'NEEDS_ATTENTION') {
        for (const [name, messages] of Object.entries(data.dwtFieldErrors)) {
          if (name !== FORM_ERROR_KEY) form.setError(formFieldName(name) as never, { type: 'dwt', message: messages[0] });
        }
        setFormError(data.dwtFieldErrors._form?.[0] ?? data.message);
      }
      setOutcome(data);
    } catch {
      setFormError('The answer from the server was lost. Your load is kept on this screen: save it again (it will not be saved twice).');
    } finally {
      setBusy(null);
    }
  }

  const onSend = form.handleSubmit((v) => submit('send', v));
  const onDraft = () => {
    form.clearErrors();
    void submit('draft', form.getValues());
  };

  // Enter in a field never submits by accident; Ctrl+Enter saves and sends.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter') return;
    const target = event.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.tagName === 'A') return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) void (weighing?.onSite ? onDraft() : onSend());
  }

  async function repeatLastLoad() {
    const carrierName = form.getValues('carrier.organisationName');
    const result = await lastLoadForCarrierAction({ siteId: site.id, carrierName });
    if (!result.ok) return setNotice(result.formError ?? 'Could not find their last load.');
    if (!result.data) return setNotice(`No earlier load from ${carrierName} at this site.`);
    form.setValue('wasteItems', result.data.wasteItems, { shouldDirty: true });
    setNotice(`Waste items copied from ticket ${result.data.ticketNumber}, without its weights: weigh this load.`);
  }

  const partyApi: PartyApi = {
    siteId: site.id,
    vehicleRegistration: values.carrier?.vehicleRegistration ?? '',
    carrierName: values.carrier?.organisationName ?? '',
    fillCarrier(patch) {
      for (const [k, v] of Object.entries(patch)) form.setValue(`carrier.${k}` as never, v as never, { shouldDirty: true });
    },
    fillBroker(patch) {
      for (const [k, v] of Object.entries(patch)) form.setValue(`brokerOrDealer.${k}` as never, v as never, { shouldDirty: true });
    },
  };

  if (outcome && outcome.status !== 'NEEDS_ATTENTION') {
    return (
      <Suspense fallback={null}>
        <OutcomePanel
          result={outcome}
          onLogAnother={() => {
            // A fresh page: new time, next ticket number, empty form.
            window.location.assign('/loads/new');
          }}
        />
      </Suspense>
    );
  }

  const e = (name: string) => errorAt(form.formState.errors, name);
  return (
    <FormProvider {...form}>
      {outcome && (
        <Suspense fallback={null}>
          <OutcomePanel result={outcome} onLogAnother={() => undefined} />
        </Suspense>
      )}
      {restored && (
        <div role="status" className="mb-4 flex flex-wrap items-center gap-3 border-l-4 border-brand-600 bg-white p-3">
          <p>We kept the load you were typing (not yet saved). Check it and save it.</p>
          <Button
            variant="secondary"
            onClick={() => {
              clearAutosave(site.id);
              form.reset(initial);
              setIdentity({ id: uuidV4(), version: null });
              setRestored(null);
            }}
          >
            Start a new load instead
          </Button>
        </div>
      )}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- the form's keyboard shortcuts, caught as they bubble from its fields. */}
      <form
        data-alive={alive ? 'true' : undefined}
        ref={formRef}
        onSubmit={weighing?.onSite ? (ev) => (ev.preventDefault(), onDraft()) : onSend}
        onKeyDown={onKeyDown}
        onInput={onFirstTyping}
        noValidate
        aria-label={existing ? `Correct load ${existing.ticketNumber}` : 'Log a load'}
      >
        <ErrorSummary errors={summary} />
        {conflict && existing && (
          <div className="mb-6 border-l-4 border-danger-700 bg-white p-4">
            <p className="mb-2">Your changes are still in the form below. To keep them, open the latest version, then make your changes there again.</p>
            <p className="flex flex-wrap gap-4">
              <a href={`/loads/${existing.id}`} target="_blank" rel="noopener noreferrer" className="font-semibold text-brand-700 underline">
                Open the latest version in a new tab
              </a>
              <a href={`/loads/${existing.id}/edit`} className="font-semibold text-brand-700 underline">
                Start again from the latest version (your changes here are discarded)
              </a>
            </p>
          </div>
        )}
        {lookupsError && <p className="mb-4 border-l-4 border-danger-700 bg-white p-3">The code lists could not be loaded, so checks happen when you save.</p>}

        <section aria-labelledby="when-heading" className="mb-6">
          <h2 id="when-heading" className="mb-3 text-xl font-bold">
            Arrival
          </h2>
          <div className="grid gap-x-6 md:grid-cols-2">
            <Controller
              control={form.control}
              name="dateTimeReceived"
              render={({ field }) => (
                <TextField
                  label="Date and time received (UK time)"
                  hint={
                    values.dateTimeIsNow
                      ? 'Now: it is set as you start typing. Type over it for another time, like 22/11/2026 09:15.'
                      : 'Like 22/11/2026 09:15.'
                  }
                  autoComplete="off"
                  inputMode="numeric"
                  error={e('dateTimeReceived')}
                  name={field.name}
                  ref={field.ref}
                  onBlur={field.onBlur}
                  value={receivedForDisplay(field.value)}
                  onChange={(ev) => {
                    field.onChange(receivedFromTyping(ev.target.value));
                    form.setValue('dateTimeIsNow', false);
                  }}
                />
              )}
            />
            <TextField
              label="Weighbridge ticket number"
              hint={
                values.ticketNumberIsSuggested ? 'The next number; the final one is given when you save. Type over it to use the paper ticket’s.' : undefined
              }
              autoComplete="off"
              error={e('yourUniqueReference')}
              {...form.register('yourUniqueReference', { onChange: () => form.setValue('ticketNumberIsSuggested', false) })}
            />
          </div>
          <p className="text-sm text-slate-700">
            Received at <span className="font-semibold">{site.name}</span> ({site.receiving.authorisationNumber || 'no authorisation number yet'})
          </p>
        </section>

        <section aria-labelledby="carrier-heading" className="mb-6">
          <h2 id="carrier-heading" className="mb-3 text-xl font-bold">
            Carrier
          </h2>
          <CarrierFields
            vehicleLookupSlot={
              <>
                {!existing && <VehicleRepeatOffer siteId={site.id} unit={site.unit} />}
                {renderVehicleLookup?.(partyApi)}
              </>
            }
            pickerSlot={renderCarrierPicker?.(partyApi)}
          />
          <Button variant="secondary" className="mb-4" disabled={!values.carrier?.organisationName?.trim()} onClick={() => void repeatLastLoad()}>
            Repeat the last load from this carrier
          </Button>
          <p role="status" className="mb-4">
            {notice}
          </p>
          <label className="mb-4 flex items-center gap-2">
            <input type="checkbox" className="h-5 w-5" {...form.register('hasBrokerOrDealer')} />A broker or dealer arranged this load
          </label>
          {values.hasBrokerOrDealer && (
            <fieldset className="mb-4 border-l-4 border-slate-300 pl-4">
              <legend className="font-semibold">Broker or dealer</legend>
              {renderBrokerPicker?.(partyApi)}
              <BrokerFields />
            </fieldset>
          )}
        </section>

        <section aria-labelledby="items-heading" className="mb-6">
          <h2 id="items-heading" className="mb-3 text-xl font-bold">
            Waste
          </h2>
          {items.fields.map((f, i) => (
            <WasteItemFields
              key={f.id}
              index={i}
              lookups={lookups}
              lookupsFailed={Boolean(lookupsError)}
              history={site.history}
              topEwcCodes={site.topEwcCodes}
              count={items.fields.length}
              onRemove={() => items.remove(i)}
              weighed={i === 0 ? weighing?.summary : undefined}
              // A second item is weighed on its own: its copy never carries the first one's weights.
              onDuplicate={() => items.insert(i + 1, withoutWeights([form.getValues(`wasteItems.${i}`)])[0]!)}
            />
          ))}
          {e('wasteItems') && <p className="mb-2 font-semibold text-danger-700">{e('wasteItems')}</p>}
          <Button
            variant="secondary"
            id={fieldId('wasteItems')}
            onClick={() => {
              items.append(emptyWasteItemIn(form.getValues('wasteItems.0.weight.metric') ?? site.unit), { shouldFocus: false });
              focusSoon(`${fieldId(`wasteItems.${items.fields.length}.ewcCodes`)}`);
            }}
          >
            Add another waste item
          </Button>
        </section>

        {showConsignment && (
          <section aria-labelledby="consignment-heading" className="mb-6">
            <h2 id="consignment-heading" className="mb-3 text-xl font-bold">
              Hazardous waste consignment
            </h2>
            <div className="grid gap-x-6 md:grid-cols-2">
              <TextField
                label="Consignment code"
                hint="Like CJ32LE/A0001, SA1234567 or DA1234567."
                autoComplete="off"
                className="uppercase"
                error={e('hazardousWasteConsignmentCode')}
                {...form.register('hazardousWasteConsignmentCode')}
              />
              <SelectField
                label="Or the reason there is none"
                placeholder="Choose a reason"
                options={REASONS_FOR_NO_CONSIGNMENT_CODE.map((r) => ({ value: r, label: REASON_FOR_NO_CONSIGNMENT_CODE_LABELS[r] }))}
                error={e('reasonForNoConsignmentCode')}
                {...form.register('reasonForNoConsignmentCode')}
              />
            </div>
          </section>
        )}

        <section aria-labelledby="more-heading" className="mb-6">
          <h2 id="more-heading" className="mb-3 text-xl font-bold">
            Anything else
          </h2>
          <TextareaField
            label="Special handling requirements (optional)"
            rows={2}
            className="max-w-2xl"
            error={e('specialHandlingRequirements')}
            {...form.register('specialHandlingRequirements')}
          />
          <OtherReferences />
        </section>

        {existing?.reasonRequired && <CorrectionReasonField error={e('correctionReason')} />}

        {/* Sticky only where there is room: at high zoom it would hide what has focus (WCAG 2.4.11). */}
        <div className="save-bar flex flex-wrap items-center gap-3 border-t-2 border-slate-300 bg-slate-50 py-3" data-testid="save-bar">
          {weighing?.onSite ? (
            <>
              <Button disabled={busy !== null} onClick={onDraft}>
                {busy === 'draft' ? 'Saving…' : 'Save the waste details'}
              </Button>
              <p className="text-sm text-slate-700">The vehicle is on site: the load is sent to DWT once it is weighed out.</p>
            </>
          ) : (
            <>
              <Button type="submit" disabled={busy !== null}>
                {busy === 'send' ? 'Saving and sending…' : existing ? 'Save and send the correction' : 'Save and send to DWT'}
              </Button>
              <Button variant="secondary" disabled={busy !== null} onClick={onDraft}>
                {busy === 'draft' ? 'Saving…' : 'Save as draft'}
              </Button>
              <p className="text-sm text-slate-700">Ctrl+Enter saves and sends. Nothing is lost if DWT is down.</p>
            </>
          )}
        </div>
      </form>
    </FormProvider>
  );
}

/** Focus a field added a moment ago (once React has rendered it). */
export function focusSoon(id: string) {
  requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(id)?.focus()));
}

function OtherReferences() {
  const { register, control, formState } = useFormContext<LoadFormValues>();
  const refs = useFieldArray({ control, name: 'otherReferencesForMovement' });
  return (
    <fieldset className="mb-4">
      <legend className="font-semibold">Other references (optional)</legend>
      {refs.fields.map((f, i) => (
        <div key={f.id} className="grid items-end gap-x-4 md:grid-cols-[1fr_1fr_auto]">
          <TextField
            label={`Reference ${i + 1} label`}
            hint="Like PO number"
            autoComplete="off"
            error={errorAt(formState.errors, `otherReferencesForMovement.${i}.label`)}
            {...register(`otherReferencesForMovement.${i}.label`)}
          />
          <TextField
            label={`Reference ${i + 1}`}
            autoComplete="off"
            error={errorAt(formState.errors, `otherReferencesForMovement.${i}.reference`)}
            {...register(`otherReferencesForMovement.${i}.reference`)}
          />
          <Button variant="secondary" className="mb-5" onClick={() => refs.remove(i)}>
            Remove reference {i + 1}
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() => {
          refs.append({ label: '', reference: '' }, { shouldFocus: false });
          focusSoon(fieldId(`otherReferencesForMovement.${refs.fields.length}.label`));
        }}
      >
        Add a reference
      </Button>
    </fieldset>
  );
}
