'use client';
// The error summary shown at the top of a form after a failed submit (GOV.UK pattern): it takes focus,
// is announced, and links to each field with a problem.
import { useEffect, useRef } from 'react';

export interface SummaryError {
  fieldId?: string; // id of the input to focus; omitted for form-wide errors
  message: string;
}

export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: SummaryError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.fieldId}:${e.message}`).join('|');
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [signature, errors.length]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="mb-6 border-4 border-danger-700 bg-white p-4">
      <h2 id="error-summary-title" className="text-lg font-bold">
        {title}
      </h2>
      <ul className="mt-2 list-none space-y-1">
        {errors.map((e, i) => (
          <li key={`${e.fieldId ?? 'form'}-${i}`}>
            {e.fieldId ? (
              <a
                href={`#${e.fieldId}`}
                className="font-semibold text-danger-700 underline"
                onClick={(ev) => {
                  const el = document.getElementById(e.fieldId!);
                  if (el) {
                    ev.preventDefault();
                    el.focus();
                    el.scrollIntoView({ block: 'center' });
                  }
                }}
              >
                {e.message}
              </a>
            ) : (
              <span className="font-semibold text-danger-700">{e.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
