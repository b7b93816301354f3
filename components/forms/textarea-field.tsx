'use client';
import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { fieldId } from './field-id';
import { describedBy, FieldFrame } from './field-frame';

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  name: string;
  label: string;
  hint?: string;
  error?: string;
};

/**
 * A labelled multi-line input with its hint and error tied to it, like TextField. `className` sets the
 * box's width and font (default `max-w-md`).
 */
export const TextareaField = forwardRef<HTMLTextAreaElement, Props>(function TextareaField({ name, label, hint, error, className, ...rest }, ref) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        ref={ref}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={`mt-1 block w-full border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'} ${className ?? 'max-w-md'}`}
        {...rest}
      />
    </FieldFrame>
  );
});
