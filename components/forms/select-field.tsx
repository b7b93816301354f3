'use client';
import { forwardRef, type SelectHTMLAttributes } from 'react';
import { fieldId } from './field-id';
import { describedBy, FieldFrame } from './field-frame';

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  options: readonly { value: string; label: string }[];
  /** Text of an empty first option ("Choose…"); omitted when the field always has a value. */
  placeholder?: string;
};

export const SelectField = forwardRef<HTMLSelectElement, Props>(function SelectField(
  { name, label, hint, error, options, placeholder, className, ...rest },
  ref,
) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <select
        ref={ref}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={`mt-1 block w-full max-w-md border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'}`}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
});
