'use client';
// Glue between react-hook-form and a server action's ActionResult: server field errors land on the
// fields and in the error summary, exactly like client-side ones.
import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { ActionResult } from '@/lib/action-result';
import type { SummaryError } from './error-summary';
import { fieldId } from './field-id';

export function useActionForm<T extends FieldValues>(form: UseFormReturn<T>) {
  const [formError, setFormError] = useState<string | null>(null);

  function applyResult<D>(result: ActionResult<D>): result is { ok: true; data: D } {
    if (result.ok) {
      setFormError(null);
      return true;
    }
    for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (name === '_form') continue;
      form.setError(name as Path<T>, { type: 'server', message: messages[0] });
    }
    const fieldCount = Object.keys(result.fieldErrors ?? {}).filter((k) => k !== '_form').length;
    setFormError(fieldCount > 0 ? null : (result.formError ?? 'Something went wrong.'));
    return false;
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ message: formError }] : []),
    ...flattenErrors(form.formState.errors).map(([name, message]) => ({ fieldId: fieldId(name), message })),
  ];

  return { applyResult, summary, setFormError };
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
