'use client';
// Glue between react-hook-form and a server action's ActionResult: server field errors land on the
// fields and in the error summary, exactly like client-side ones.
import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { ActionResult } from '@/lib/action-result';
import type { SummaryError } from './error-summary';
import { fieldId } from './field-id';
import { FORM_ERROR_KEY } from '@/lib/errors';

/** `fieldName` maps an error's key to the form field that shows it (default: the key itself). */
export function useActionForm<T extends FieldValues>(form: UseFormReturn<T>, options: { fieldName?: (key: string) => string } = {}) {
  const fieldName = options.fieldName ?? ((key: string) => key);
  const [formError, setFormError] = useState<string | null>(null);

  function applyResult<D>(result: ActionResult<D>): result is { ok: true; data: D } {
    if (result.ok) {
      setFormError(null);
      return true;
    }
    for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (name === FORM_ERROR_KEY) continue;
      form.setError(fieldName(name) as Path<T>, { type: 'server', message: messages[0] });
    }
    const fieldCount = Object.keys(result.fieldErrors ?? {}).filter((k) => k !== FORM_ERROR_KEY).length;
    setFormError(fieldCount > 0 ? null : (result.formError ?? 'Something went wrong.'));
    return false;
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ message: formError }] : []),
    ...inPageOrder(flattenErrors(form.formState.errors).map(([name, message]) => ({ fieldId: fieldId(name), message }))),
  ];

  return { applyResult, summary, setFormError };
}

/** The summary lists problems in the order the fields appear, as people read the form. */
function inPageOrder(errors: SummaryError[]): SummaryError[] {
  if (typeof document === 'undefined') return errors;
  const position = (e: SummaryError) => document.getElementById(e.fieldId ?? '');
  return [...errors].sort((a, b) => {
    const x = position(a);
    const y = position(b);
    if (!x || !y || x === y) return 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

function flattenErrors(errors: object, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if ('message' in value && typeof (value as { message?: unknown }).message === 'string') {
      out.push([name, (value as { message: string }).message]);
    } else {
      out.push(...flattenErrors(value, name));
    }
  }
  return out;
}
