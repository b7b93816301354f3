'use client';
// The receipt form: log a new load, or correct one. Checks run here with DWT's own rules while the
// driver waits, and again on the server. Save commits the load to PostgreSQL, then sends it to DWT.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormProvider, useFieldArray, useForm, useFormContext, useWatch, type Resolver } from 'react-hook-form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { fieldId } from '@/components/forms/field-id';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { addressBookQueryKeys } from '@/components/party-picker';
import { useReferenceLookups } from '@/components/reference-data/use-reference-data';
import { REASONS_FOR_NO_CONSIGNMENT_CODE, REASON_FOR_NO_CONSIGNMENT_CODE_LABELS } from '@/lib/dwt/schema';
import { lastLoadForCarrierAction, submitLoadAction, type SubmitLoadResult } from '@/lib/loads/actions';
import { checkLoadForm, emptyWasteItem, type LoadFormValues } from '@/lib/loads/schema';
import type { ReceivingSite } from '@/lib/sites/receiving-site';
import { clearAutosave, readAutosave, writeAutosave } from './autosave';
import { CorrectionReasonField, correctionReasonErrors, correctionReasonOf } from './correction-reason-field';
import { errorAt, formFieldName, toErrorTree } from './form-errors';
import { OutcomePanel } from './outcome-panel';
import { BrokerFields, CarrierFields } from './party-fields';
import { uuidV4 } from './uuid';
import { WasteItemFields } from './waste-item-fields';
import { Button } from '@/components/forms/button';
import { TextareaField } from '@/components/forms/textarea-field';
import { FORM_ERROR_KEY } from '@/lib/errors';

export interface LoadFormProps {
  site: { id: string; name: string; receiving: ReceivingSite };
  initial: LoadFormValues;
  /** Set when correcting a saved load (`reasonRequired`: the correction must say why). */
  existing?: { id: string; version: number; ticketNumber: string; reasonRequired?: boolean };
  /** Slots for the address-book pickers (kept out of this file so it stays about the load). */
  renderCarrierPicker?: (api: PartyApi) => React.ReactNode;
  renderVehicleLookup?: (api: PartyApi) => React.ReactNode;
  renderBrokerPicker?: (api: PartyApi) => React.ReactNode;
}

/** What an address-book picker may do to the form. */
export interface PartyApi {
  siteId: string;
  vehicleRegistration: string;
  carrierName: string;
  fillCarrier(values: Partial<LoadFormValues['carrier']>): void;
  fillBroker(values: Partial<LoadFormValues['brokerOrDealer']>): void;
}

export function LoadForm({ site, initial, existing, renderCarrierPicker, renderVehicleLookup, renderBrokerPicker }: LoadFormProps) {
  const { lookups, error: lookupsError } = useReferenceLookups();
  const queryClient = useQueryClient();
  const [identity, setIdentity] = useState(() => ({ id: existing?.id ?? uuidV4(), version: existing?.version ?? null }));
  const [outcome, setOutcome] = useState<SubmitLoadResult | null>(null);
  const [busy, setBusy] = useState<'send' | 'draft' | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Someone else saved this load since the form opened: nothing was saved, and what was typed stays. */
  const [conflict, setConflict] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const resolver = useMemo<Resolver<LoadFormValues>>(
    () => async (values) => {
      if (!lookups) return { values, errors: {} }; // the server checks everything anyway
      const check = checkLoadForm(values, { lookups, site: site.receiving });
      const fieldErrors = { ...(check.ok ? {} : check.fieldErrors), ...correctionReasonErrors(values, Boolean(existing?.reasonRequired)) };
      return Object.keys(fieldErrors).length === 0 ? { values, errors: {} } : { values: {}, errors: toErrorTree(fieldErrors) };
    },
    [lookups, site.receiving, existing?.reasonRequired],
  );
  const form = useForm<LoadFormValues>({ defaultValues: initial, resolver, shouldFocusError: false, mode: 'onSubmit', reValidateMode: 'onChange' });
  const { applyResult, summary, setFormError } = useActionForm(form, { fieldName: formFieldName });
  const items = useFieldArray({ control: form.control, name: 'wasteItems' });
  const values = useWatch({ control: form.control }) as LoadFormValues;

  // Keep a new load in the browser until the server has it.
  useEffect(() => {
    if (existing) return;
    const saved = readAutosave(site.id);
    if (saved && saved.values) {
      form.reset(saved.values);
      setIdentity({ id: saved.id, version: null });
      setRestored(saved.savedAt);
    }
    // Once, on opening the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (existing || outcome) return;
    const timer = setTimeout(() => writeAutosave(site.id, { id: identity.id, savedAt: new Date().toISOString(), values }), 400);
    return () => clearTimeout(timer);
  }, [values, existing, outcome, identity.id, site.id]);

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
      setIdentity({ id: data.loadId, version: data.version });
      form.setValue('yourUniqueReference', data.ticketNumber);
      form.setValue('ticketNumberIsSuggested', false);
      if (!existing) clearAutosave(site.id);
      // The save may have added a carrier or a vehicle: searches cached before it are stale.
      void queryClient.invalidateQueries({ queryKey: addressBookQueryKeys.site(site.id) });
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
    if (event.ctrlKey || event.metaKey) void onSend();
  }

  async function repeatLastLoad() {
    const carrierName = form.getValues('carrier.organisationName');
    const result = await lastLoadForCarrierAction({ siteId: site.id, carrierName });
    if (!result.ok) return setNotice(result.formError ?? 'Could not find their last load.');
    if (!result.data) return setNotice(`No earlier load from ${carrierName} at this site.`);
    form.setValue('wasteItems', result.data.wasteItems, { shouldDirty: true });
    setNotice(`Waste items copied from ticket ${result.data.ticketNumber}. Check the weights.`);
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
      <OutcomePanel
        result={outcome}
        onLogAnother={() => {
          // A fresh page: new time, next ticket number, empty form.
          window.location.assign('/loads/new');
        }}
      />
    );
  }

  const e = (name: string) => errorAt(form.formState.errors, name);
  return (
    <FormProvider {...form}>
      {outcome && <OutcomePanel result={outcome} onLogAnother={() => undefined} />}
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
      <form ref={formRef} onSubmit={onSend} onKeyDown={onKeyDown} noValidate aria-label={existing ? `Correct load ${existing.ticketNumber}` : 'Log a load'}>
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
            <TextField label="Date and time received (UK time)" type="datetime-local" error={e('dateTimeReceived')} {...form.register('dateTimeReceived')} />
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
          <CarrierFields vehicleLookupSlot={renderVehicleLookup?.(partyApi)} pickerSlot={renderCarrierPicker?.(partyApi)} />
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
              count={items.fields.length}
              onRemove={() => items.remove(i)}
              onDuplicate={() => items.insert(i + 1, structuredClone(form.getValues(`wasteItems.${i}`)))}
            />
          ))}
          {e('wasteItems') && <p className="mb-2 font-semibold text-danger-700">{e('wasteItems')}</p>}
          <Button variant="secondary" id={fieldId('wasteItems')} onClick={() => items.append(emptyWasteItem())}>
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

        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t-2 border-slate-300 bg-slate-50 py-3">
          <Button type="submit" disabled={busy !== null}>
            {busy === 'send' ? 'Saving and sending…' : existing ? 'Save and send the correction' : 'Save and send to DWT'}
          </Button>
          <Button variant="secondary" disabled={busy !== null} onClick={onDraft}>
            {busy === 'draft' ? 'Saving…' : 'Save as draft'}
          </Button>
          <p className="text-sm text-slate-700">Ctrl+Enter saves and sends. Nothing is lost if DWT is down.</p>
        </div>
      </form>
    </FormProvider>
  );
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
      <Button variant="secondary" onClick={() => refs.append({ label: '', reference: '' })}>
        Add a reference
      </Button>
    </fieldset>
  );
}
