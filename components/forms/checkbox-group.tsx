'use client';
// A fieldset of checkboxes (roles, sites, people) with its error tied to it. The first box carries the
// field's id, so the error summary's link lands on it.
import { forwardRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { describedBy, HintAndError } from './field-frame';
import { fieldId } from './field-id';

export function CheckboxGroup({ legend, name, hint, error, children }: { legend: string; name: string; hint?: string; error?: string; children: ReactNode }) {
  const id = fieldId(name);
  return (
    <fieldset className={`mb-5 ${error ? 'border-l-4 border-danger-700 pl-3' : ''}`} aria-describedby={describedBy(id, { hint, error })}>
      <legend className="font-semibold">{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="mt-1 space-y-1">{children}</div>
    </fieldset>
  );
}

export const Checkbox = forwardRef<HTMLInputElement, { label: ReactNode; first?: boolean } & InputHTMLAttributes<HTMLInputElement>>(function Checkbox(
  { label, first, ...rest },
  ref,
) {
  const inputId = first ? fieldId(String(rest.name)) : `cb-${fieldId(String(rest.name))}-${String(rest.value)}`;
  return (
    <div className="flex items-center gap-2">
      <input ref={ref} type="checkbox" id={inputId} className="h-5 w-5" {...rest} />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
});
