// The label, hint and error around one form control, tied to it for assistive technology (GOV.UK
// pattern): every input, select and combobox uses this, so errors look and read the same everywhere.
import type { ReactNode } from 'react';

/** The ids that describe a control: its hint and its error, when it has them. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: unknown }, ...more: (string | null | undefined)[]): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, ...more].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldFrame({
  id,
  label,
  hint,
  error,
  labelId,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  labelId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`mb-5 ${error ? 'border-l-4 border-danger-700 pl-3' : ''} ${className ?? ''}`}>
      <label htmlFor={id} id={labelId} className="block font-semibold">
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A control's hint and error, with the ids `describedBy` points at (also used by fieldsets). */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
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
    </>
  );
}
