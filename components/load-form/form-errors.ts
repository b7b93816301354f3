// Errors keyed by DWT's dotted paths → react-hook-form's error tree, and back.
import type { FieldError, FieldErrors as RhfFieldErrors } from 'react-hook-form';
import type { FieldErrors } from '@/lib/errors';
import { FORM_ERROR_KEY } from '@/lib/errors';

/** The form field that shows an error for a DWT key: one combobox holds all of an item's codes. */
export function formFieldName(key: string): string {
  return key.replace(/\.(ewcCodes|hazCodes)\.\d+$/, '.$1');
}

/** { "wasteItems.0.ewcCodes": ["…"] } → { wasteItems: [{ ewcCodes: { type, message } }] } */
export function toErrorTree(fieldErrors: FieldErrors, type = 'validate'): RhfFieldErrors {
  const tree: Record<string, unknown> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    if (key === FORM_ERROR_KEY || messages.length === 0) continue;
    const parts = formFieldName(key).split('.');
    let node = tree;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const existing = node[part] as Record<string, unknown> | undefined;
      if (last) {
        // Two errors for one field: keep the first, as the field shows one message.
        if (!existing || !('message' in existing)) node[part] = { ...(existing ?? {}), type, message: messages[0] };
      } else {
        const next = existing && !('message' in existing) ? existing : {};
        node[part] = next;
        node = next;
      }
    });
  }
  return tree as RhfFieldErrors;
}

/** The error at a dotted path of react-hook-form's error tree. */
export function errorAt(errors: RhfFieldErrors | undefined, name: string): string | undefined {
  let node: unknown = errors;
  for (const part of name.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  const message = (node as FieldError | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}
