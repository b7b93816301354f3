'use client';
// One waste item: EWC codes, description, form, containers, weight (one amount, or gross and tare
// from the weighbridge with the net worked out), POPs and hazardous details when ticked, and disposal
// or recovery codes (which may be added later).
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { EwcCodesField } from '@/components/ewc-codes-field';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { fieldId } from '@/components/forms/field-id';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { PHYSICAL_FORMS, SOURCES_OF_COMPONENTS, SOURCE_OF_COMPONENTS_LABELS, WEIGHT_METRICS } from '@/lib/dwt/schema';
import { netWeight, type LoadFormValues } from '@/lib/loads/schema';
import type { ReferenceLookups } from '@/lib/reference-data/catalogue';
import { errorAt } from './form-errors';
import { smallLists } from './small-lists';
import { Button } from '@/components/forms/button';

const metricOptions = WEIGHT_METRICS.map((m) => ({ value: m, label: m }));
const sourceOptions = SOURCES_OF_COMPONENTS.map((s) => ({ value: s, label: SOURCE_OF_COMPONENTS_LABELS[s] }));

export function WasteItemFields({
  index,
  lookups,
  lookupsFailed,
  count,
  onRemove,
  onDuplicate,
}: {
  index: number;
  lookups?: ReferenceLookups;
  lookupsFailed: boolean;
  count: number;
  onRemove(): void;
  onDuplicate(): void;
}) {
  const { register, control, formState } = useFormContext<LoadFormValues>();
  const p = `wasteItems.${index}` as const;
  const e = (name: string) => errorAt(formState.errors, `${p}.${name}`);
  const lists = smallLists(lookups);
  const [weightMode, containsPops, containsHazardous, gross, tare, metric] = useWatch({
    control,
    name: [`${p}.weightMode`, `${p}.containsPops`, `${p}.containsHazardous`, `${p}.weighbridge.gross`, `${p}.weighbridge.tare`, `${p}.weight.metric`],
  });
  const net = netWeight(gross, tare);

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
          {weightMode === 'weighbridge' ? (
            <>
              <TextField label="Gross weight" inputMode="decimal" autoComplete="off" error={e('weighbridge.gross')} {...register(`${p}.weighbridge.gross`)} />
              <TextField label="Tare weight" inputMode="decimal" autoComplete="off" error={e('weighbridge.tare')} {...register(`${p}.weighbridge.tare`)} />
              <div className="mb-5">
                <p className="font-semibold">Net weight</p>
                <p className="mt-1 py-1.5 text-lg" aria-live="polite" data-testid={`net-${index}`}>
                  {net === undefined ? '—' : Number.isNaN(net) ? 'Check the weights' : `${net} ${metric}`}
                </p>
              </div>
            </>
          ) : (
            <>
              <TextField label="Weight" inputMode="decimal" autoComplete="off" error={e('weight.amount')} {...register(`${p}.weight.amount`)} />
              <div className="pt-7">
                <CheckboxField label="Estimated" {...register(`${p}.weight.isEstimate`)} />
              </div>
            </>
          )}
          <SelectField label="Unit" options={metricOptions} error={e('weight.metric')} {...register(`${p}.weight.metric`)} />
        </div>
      </fieldset>

      <CheckboxField label="Contains POPs (persistent organic pollutants)" error={e('containsPops')} {...register(`${p}.containsPops`)} />
      {containsPops && <PopsFields index={index} popNames={lists.popNames} />}
      <CheckboxField label="Has hazardous properties" error={e('containsHazardous')} {...register(`${p}.containsHazardous`)} />
      {containsHazardous && <HazardousFields index={index} hpCodes={lists.hazardousPropertyCodes} />}

      <DisposalOrRecoveryFields index={index} codes={lists.disposalOrRecoveryCodes} />

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

function PopsFields({ index, popNames }: { index: number; popNames: { value: string; label: string }[] }) {
  const { register, control, formState } = useFormContext<LoadFormValues>();
  const p = `wasteItems.${index}.pops` as const;
  const { fields, append, remove } = useFieldArray({ control, name: `${p}.components` });
  const e = (name: string) => errorAt(formState.errors, `${p}.${name}`);
  return (
    <fieldset className="mb-4 ml-7 border-l-4 border-slate-300 pl-4">
      <legend className="font-semibold">POP details for item {index + 1}</legend>
      <SelectField
        label="Source of POP components"
        placeholder="Choose"
        options={sourceOptions}
        error={e('sourceOfComponents')}
        {...register(`${p}.sourceOfComponents`)}
      />
      {fields.map((f, i) => (
        <div key={f.id} className="grid items-end gap-x-4 md:grid-cols-[2fr_1fr_auto]">
          <SelectField
            label={`POP ${i + 1}`}
            placeholder="Choose"
            options={popNames}
            error={e(`components.${i}.code`)}
            {...register(`${p}.components.${i}.code`)}
          />
          <TextField
            label={`POP ${i + 1} concentration (mg/kg, optional)`}
            inputMode="decimal"
            autoComplete="off"
            error={e(`components.${i}.concentration`)}
            {...register(`${p}.components.${i}.concentration`)}
          />
          <Button variant="secondary" size="sm" className="mb-5" onClick={() => remove(i)}>
            Remove POP {i + 1}
          </Button>
        </div>
      ))}
      {e('components') && (
        <p className="font-semibold text-danger-700" id={`${fieldId(`${p}.components`)}`} tabIndex={-1}>
          {e('components')}
        </p>
      )}
      <Button variant="secondary" size="sm" className="mb-4" onClick={() => append({ code: '', concentration: '' })}>
        Add a POP component
      </Button>
    </fieldset>
  );
}

function HazardousFields({ index, hpCodes }: { index: number; hpCodes: { code: string; label: string }[] }) {
  const { register, control, formState } = useFormContext<LoadFormValues>();
  const p = `wasteItems.${index}.hazardous` as const;
  const { fields, append, remove } = useFieldArray({ control, name: `${p}.components` });
  const e = (name: string) => errorAt(formState.errors, `${p}.${name}`);
  return (
    <fieldset className="mb-4 ml-7 border-l-4 border-slate-300 pl-4">
      <legend className="font-semibold">Hazardous details for item {index + 1}</legend>
      <SelectField
        label="Source of hazardous components"
        placeholder="Choose"
        options={sourceOptions}
        error={e('sourceOfComponents')}
        {...register(`${p}.sourceOfComponents`)}
      />
      <fieldset
        className={`mb-4 ${e('hazCodes') ? 'border-l-4 border-danger-700 pl-3' : ''}`}
        aria-describedby={e('hazCodes') ? `${fieldId(`${p}.hazCodes`)}-error` : undefined}
      >
        <legend className="font-semibold">Hazardous property codes</legend>
        {e('hazCodes') && (
          <p id={`${fieldId(`${p}.hazCodes`)}-error`} className="font-semibold text-danger-700">
            <span className="sr-only">Error: </span>
            {e('hazCodes')}
          </p>
        )}
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          {hpCodes.map((hp, i) => (
            <label key={hp.code} className="flex items-center gap-2">
              <input type="checkbox" value={hp.code} className="h-5 w-5" id={i === 0 ? fieldId(`${p}.hazCodes`) : undefined} {...register(`${p}.hazCodes`)} />
              {hp.label}
            </label>
          ))}
        </div>
      </fieldset>
      {fields.map((f, i) => (
        <div key={f.id} className="grid items-end gap-x-4 md:grid-cols-[2fr_1fr_auto]">
          <TextField label={`Hazardous component ${i + 1}`} autoComplete="off" error={e(`components.${i}.name`)} {...register(`${p}.components.${i}.name`)} />
          <TextField
            label={`Component ${i + 1} concentration (mg/kg, optional)`}
            inputMode="decimal"
            autoComplete="off"
            error={e(`components.${i}.concentration`)}
            {...register(`${p}.components.${i}.concentration`)}
          />
          <Button variant="secondary" size="sm" className="mb-5" onClick={() => remove(i)}>
            Remove component {i + 1}
          </Button>
        </div>
      ))}
      {e('components') && (
        <p className="font-semibold text-danger-700" id={`${fieldId(`${p}.components`)}`} tabIndex={-1}>
          {e('components')}
        </p>
      )}
      <Button variant="secondary" size="sm" className="mb-4" onClick={() => append({ name: '', concentration: '' })}>
        Add a hazardous component
      </Button>
    </fieldset>
  );
}

function DisposalOrRecoveryFields({ index, codes }: { index: number; codes: { value: string; label: string }[] }) {
  const { register, control, formState } = useFormContext<LoadFormValues>();
  const p = `wasteItems.${index}.disposalOrRecoveryCodes` as const;
  const { fields, append, remove } = useFieldArray({ control, name: p });
  const e = (name: string) => errorAt(formState.errors, `${p}.${name}`);
  return (
    <fieldset className="mb-4">
      <legend className="font-semibold">Disposal or recovery codes (optional: they can be added later)</legend>
      {fields.map((f, i) => (
        <div key={f.id} className="grid items-end gap-x-4 md:grid-cols-[3fr_1fr_1fr_auto]">
          <SelectField label={`Code ${i + 1}`} placeholder="Choose" options={codes} error={e(`${i}.code`)} {...register(`${p}.${i}.code`)} />
          <TextField
            label={`Code ${i + 1} weight`}
            inputMode="decimal"
            autoComplete="off"
            error={e(`${i}.weight.amount`)}
            {...register(`${p}.${i}.weight.amount`)}
          />
          <SelectField label={`Code ${i + 1} unit`} options={metricOptions} {...register(`${p}.${i}.weight.metric`)} />
          <Button variant="secondary" size="sm" className="mb-5" onClick={() => remove(i)}>
            Remove code {i + 1}
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => append({ code: '', weight: { metric: 'Tonnes', amount: '', isEstimate: false } })}>
        Add a disposal or recovery code
      </Button>
    </fieldset>
  );
}
