'use client';
import { forwardRef, type InputHTMLAttributes } from 'react';
import { fieldId } from './field-id';
import { describedBy, FieldFrame } from './field-frame';

type Props = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  hint?: string;
  error?: string;
};

/** A labelled input with its hint and error message tied to it for assistive technology. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField({ name, label, hint, error, className, ...rest }, ref) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        ref={ref}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={`mt-1 block w-full max-w-md border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'} ${className ?? ''}`}
        {...rest}
      />
    </FieldFrame>
  );
});
