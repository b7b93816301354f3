'use client';
// Why a saved load is being corrected: required on a correction, kept in the load's history. Shown only
// when correcting; the server checks it again (lib/loads/save.ts correctionNeedsReason).
import { useFormContext } from 'react-hook-form';
import { describedBy, FieldFrame } from '@/components/forms/field-frame';
import { fieldId } from '@/components/forms/field-id';
import type { FieldErrors } from '@/lib/errors';
import { CORRECTION_REASON_MAX, CORRECTION_REASON_REQUIRED } from '@/lib/loads/correction-reason';

export const CORRECTION_REASON_FIELD = 'correctionReason';

/** The value typed in the field (it is not part of the load's own values). */
export function correctionReasonOf(values: object): string {
  const value = (values as Record<string, unknown>)[CORRECTION_REASON_FIELD];
  return typeof value === 'string' ? value : '';
}

/** The field's own check, run with the form's: blank or too long. */
export function correctionReasonErrors(values: object, required: boolean): FieldErrors {
  const reason = correctionReasonOf(values).trim();
  if (required && reason === '') return { [CORRECTION_REASON_FIELD]: [CORRECTION_REASON_REQUIRED] };
  if (reason.length > CORRECTION_REASON_MAX) {
    return { [CORRECTION_REASON_FIELD]: [`Reason for the correction must be ${CORRECTION_REASON_MAX} characters or fewer`] };
  }
  return {};
}

export function CorrectionReasonField({ error }: { error?: string }) {
  const { register } = useFormContext<Record<string, string>>();
  const id = fieldId(CORRECTION_REASON_FIELD);
  const hint = `Kept in the load’s history with your changes. Up to ${CORRECTION_REASON_MAX} characters, like “Wrong EWC code: driver’s note said 17 09 04”.`;
  return (
    <section aria-labelledby="correction-reason-heading" className="mb-6">
      <h2 id="correction-reason-heading" className="mb-3 text-xl font-bold">
        Reason for the correction
      </h2>
      <FieldFrame id={id} label="Why are you correcting this load?" hint={hint} error={error}>
        <textarea
          id={id}
          rows={2}
          maxLength={CORRECTION_REASON_MAX}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint, error })}
          className={`mt-1 block w-full max-w-2xl border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'}`}
          {...register(CORRECTION_REASON_FIELD)}
        />
      </FieldFrame>
    </section>
  );
}
