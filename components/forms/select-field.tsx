'use client';
import { forwardRef, type SelectHTMLAttributes } from 'react';
import { fieldId } from './field-id';

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
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`mb-4 ${error ? 'border-l-4 border-danger-700 pl-3' : ''} ${className ?? ''}`}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="font-semibold text-danger-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <select
        ref={ref}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
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
    </div>
  );
});
