'use client';
import { forwardRef, type InputHTMLAttributes } from 'react';
import { fieldId } from './field-id';

type Props = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  hint?: string;
  error?: string;
};

/** A labelled input with its hint and error message tied to it for assistive technology. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField(
  { name, label, hint, error, className, ...rest },
  ref,
) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`mb-5 ${error ? 'border-l-4 border-danger-700 pl-3' : ''}`}>
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
      <input
        ref={ref}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`mt-1 block w-full max-w-md border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'} ${className ?? ''}`}
        {...rest}
      />
    </div>
  );
});
