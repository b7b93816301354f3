'use client';
// The retention setting: after how many months sent loads have their personal fields anonymised.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { ErrorSummary } from '@/components/forms/error-summary';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { saveRetentionAction } from '@/lib/data-rights/actions';
import { retentionSchema, type RetentionInput, type RetentionSetting } from '@/lib/data-rights/schema';
import { Button } from '@/components/forms/button';

type Values = { enabled: boolean; months: string };

export function RetentionForm({ setting }: { setting: RetentionSetting }) {
  const [saved, setSaved] = useState<RetentionSetting | null>(null);
  const form = useForm<Values>({
    // The months field holds text, as inputs do; the schema coerces it.
    resolver: zodResolver(retentionSchema as never),
    shouldFocusError: false,
    shouldUnregister: true, // the months field is dropped while retention is off
    defaultValues: { enabled: setting.months !== null, months: setting.months === null ? '' : String(setting.months) },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;
  const enabled = form.watch('enabled');

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(null);
    const input: RetentionInput = { enabled: values.enabled, months: values.enabled ? values.months : undefined };
    const result = await saveRetentionAction(input);
    if (applyResult(result)) setSaved(result.data);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="retention-heading" className="max-w-3xl border border-slate-300 bg-white p-5">
      <h2 id="retention-heading" className="mb-2 text-xl font-bold">
        Keep personal fields of sent loads for a limited time
      </h2>
      <p className="mb-4 text-slate-700">
        When on, loads sent to DWT longer ago than this have their carrier’s and broker/dealer’s names, emails, phone numbers, addresses and vehicles anonymised
        automatically (checked every hour, at every site). The waste facts stay. Off by default.
      </p>
      <ErrorSummary errors={summary} />
      {saved && (
        <p role="status" className="mb-4 border-l-4 border-brand-600 bg-brand-50 p-3">
          Saved:{' '}
          {saved.months === null ? 'sent loads keep their personal fields.' : `personal fields are anonymised ${saved.months} months after a load is sent.`}
        </p>
      )}
      <CheckboxField label="Anonymise sent loads’ personal fields after a number of months" error={errors.enabled?.message} {...form.register('enabled')} />
      {enabled && (
        <TextField label="Months after sending" inputMode="numeric" className="max-w-32" error={errors.months?.message} {...form.register('months')} />
      )}
      <Button type="submit" disabled={isSubmitting}>
        Save retention setting
      </Button>
    </form>
  );
}
