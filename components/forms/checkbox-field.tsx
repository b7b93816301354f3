'use client';
import { forwardRef, type InputHTMLAttributes } from 'react';
import { fieldId } from './field-id';

type Props = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; hint?: string; error?: string };

export const CheckboxField = forwardRef<HTMLInputElement, Props>(function CheckboxField({ name, label, hint, error, ...rest }, ref) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`mb-4 ${error ? 'border-l-4 border-danger-700 pl-3' : ''}`}>
      {error && (
        <p id={`${id}-error`} className="font-semibold text-danger-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <div className="flex items-start gap-2">
        <input
          ref={ref}
          id={id}
          name={name}
          type="checkbox"
          className="mt-0.5 h-5 w-5 shrink-0"
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          {...rest}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="ml-7 text-sm text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
});
