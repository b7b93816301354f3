'use client';
// A waste item's POP and hazardous details, shown when their box is ticked: loaded apart from the form
// (waste-item-fields.tsx loads them with React.lazy), with the two small code lists they need.
import { useFieldArray, useFormContext } from 'react-hook-form';
import { fieldId } from '@/components/forms/field-id';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { SOURCE_OF_COMPONENTS_LABELS } from '@/lib/dwt/labels';
import { SOURCES_OF_COMPONENTS } from '@/lib/dwt/values';
import type { LoadFormValues } from '@/lib/loads/form-values';
import hazardousPropertyCodes from '@/lib/reference-data/bundled/hazardous-property-codes.json';
import popNames from '@/lib/reference-data/bundled/pop-names.json';
import type { ReferenceLookups } from '@/lib/reference-data/lookups';
import { errorAt } from './form-errors';
import { Button } from '@/components/forms/button';

const sourceOptions = SOURCES_OF_COMPONENTS.map((s) => ({ value: s, label: SOURCE_OF_COMPONENTS_LABELS[s] }));

/** The bundled lists for an instant first paint; the synced copies replace them once they arrive. */
function detailLists(lookups: ReferenceLookups | undefined) {
  const data = lookups?.data;
  return {
    hazardousPropertyCodes: (data?.hazardousPropertyCodes ?? hazardousPropertyCodes).map((c) => ({
      code: c.code,
      label: `${c.code.replace('_', ' ')} ${c.shortDesc}`,
    })),
    popNames: (data?.popNames ?? popNames).map((c) => ({ value: c.code, label: `${c.chemicalName} (${c.code})` })),
  };
}

export function PopsFields({ index, lookups }: { index: number; lookups?: ReferenceLookups }) {
  const popNames = detailLists(lookups).popNames;
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
      <Button
        variant="secondary"
        size="sm"
        className="mb-4"
        onClick={() => {
          append({ code: '', concentration: '' }, { shouldFocus: false });
          const added = fields.length;
          requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(fieldId(`${p}.components.${added}.code`))?.focus()));
        }}
      >
        Add a POP component
      </Button>
    </fieldset>
  );
}

export function HazardousFields({ index, lookups }: { index: number; lookups?: ReferenceLookups }) {
  const hpCodes = detailLists(lookups).hazardousPropertyCodes;
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
      <Button
        variant="secondary"
        size="sm"
        className="mb-4"
        onClick={() => {
          append({ name: '', concentration: '' }, { shouldFocus: false });
          const added = fields.length;
          requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(fieldId(`${p}.components.${added}.name`))?.focus()));
        }}
      >
        Add a hazardous component
      </Button>
    </fieldset>
  );
}
