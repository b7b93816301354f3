'use client';
// An admin's edit of an address-book entry at any site: the same zod schema as the server
// (lib/address-book/schema savePartySchema), vehicles one a line (so one can be removed).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { adminSavePartyAction } from '@/lib/address-book/actions';
import { adminSavePartySchema, type AdminPartyEntry, type SavePartyInput } from '@/lib/address-book/schema';
import { MEANS_OF_TRANSPORT, MEANS_OF_TRANSPORT_LABELS, REASONS_FOR_NO_REGISTRATION_NUMBER, REASON_FOR_NO_REGISTRATION_NUMBER_LABELS } from '@/lib/dwt/schema';
import { Button } from '@/components/forms/button';
import { TextareaField } from '@/components/forms/textarea-field';

type Entry = Omit<AdminPartyEntry, 'updatedAt'> & { updatedAt: string };
interface Values {
  organisationName: string;
  registrationNumber: string;
  reasonForNoRegistrationNumber: string;
  fullAddress: string;
  postcode: string;
  emailAddress: string;
  phoneNumber: string;
  meansOfTransport: string;
  vehiclesText: string;
}

/** Server and schema keys → this form's fields (every vehicle error lands on the one text box). */
const fieldName = (key: string) => (key.startsWith('vehicleRegistrations') ? 'vehiclesText' : key);

function toInput(entry: Entry, v: Values): SavePartyInput {
  const common = {
    id: entry.id,
    siteId: entry.siteId,
    organisationName: v.organisationName,
    registrationNumber: v.registrationNumber,
    fullAddress: v.fullAddress,
    postcode: v.postcode,
    emailAddress: v.emailAddress,
    phoneNumber: v.phoneNumber,
  };
  return entry.kind === 'CARRIER'
    ? {
        ...common,
        kind: 'CARRIER',
        reasonForNoRegistrationNumber: v.reasonForNoRegistrationNumber,
        meansOfTransport: v.meansOfTransport,
        vehicleRegistrations: v.vehiclesText
          .split(/\r?\n/)
          .map((s) => s.trim())
          .filter(Boolean),
      }
    : { ...common, kind: 'BROKER_DEALER' };
}

export function EditPartyForm({ entry }: { entry: Entry }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const resolver: Resolver<Values> = async (values) => {
    const result = adminSavePartySchema.safeParse(toInput(entry, values));
    if (result.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) {
      const name = fieldName(issue.path.join('.'));
      errors[name] ??= { type: 'validate', message: issue.message };
    }
    return { values: {}, errors: errors as never };
  };
  const form = useForm<Values>({
    resolver,
    shouldFocusError: false,
    defaultValues: {
      organisationName: entry.organisationName,
      registrationNumber: entry.registrationNumber ?? '',
      reasonForNoRegistrationNumber: entry.reasonForNoRegistrationNumber ?? '',
      fullAddress: entry.fullAddress ?? '',
      postcode: entry.postcode ?? '',
      emailAddress: entry.emailAddress ?? '',
      phoneNumber: entry.phoneNumber ?? '',
      meansOfTransport: entry.meansOfTransport ?? '',
      vehiclesText: entry.vehicleRegistrations.join('\n'),
    },
  });
  const { applyResult, summary } = useActionForm(form, { fieldName });
  const { errors, isSubmitting } = form.formState;
  const carrier = entry.kind === 'CARRIER';
  const noun = carrier ? 'Carrier' : 'Broker or dealer';

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    const result = await adminSavePartyAction(toInput(entry, values));
    if (applyResult(result)) {
      setSaved(true);
      router.refresh();
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl border border-slate-300 bg-white p-5">
      <ErrorSummary errors={summary} />
      {saved && (
        <p role="status" className="mb-4 border-l-4 border-brand-600 bg-brand-50 p-3">
          Saved.
        </p>
      )}
      <TextField label={`${noun} name`} autoComplete="off" error={errors.organisationName?.message} {...form.register('organisationName')} />
      <TextField
        label="Registration number"
        hint="Like CBDU123456"
        autoComplete="off"
        spellCheck={false}
        error={errors.registrationNumber?.message}
        {...form.register('registrationNumber')}
      />
      {carrier && (
        <SelectField
          label="Reason for no registration number"
          placeholder="Not needed: it has a registration number"
          options={REASONS_FOR_NO_REGISTRATION_NUMBER.map((r) => ({ value: r, label: REASON_FOR_NO_REGISTRATION_NUMBER_LABELS[r] }))}
          error={errors.reasonForNoRegistrationNumber?.message}
          {...form.register('reasonForNoRegistrationNumber')}
        />
      )}
      <TextField label="Address" autoComplete="off" error={errors.fullAddress?.message} {...form.register('fullAddress')} />
      <TextField label="Postcode" autoComplete="off" className="max-w-40" error={errors.postcode?.message} {...form.register('postcode')} />
      <TextField
        label="Email address"
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={errors.emailAddress?.message}
        {...form.register('emailAddress')}
      />
      <TextField label="Phone number" type="tel" autoComplete="off" error={errors.phoneNumber?.message} {...form.register('phoneNumber')} />
      {carrier && (
        <>
          <SelectField
            label="Means of transport"
            placeholder="Not known"
            options={MEANS_OF_TRANSPORT.map((m) => ({ value: m, label: MEANS_OF_TRANSPORT_LABELS[m] }))}
            error={errors.meansOfTransport?.message}
            {...form.register('meansOfTransport')}
          />
          <TextareaField
            label="Vehicle registrations"
            hint="One a line. Remove a line to remove the vehicle."
            rows={4}
            spellCheck={false}
            className="max-w-md font-mono"
            error={errors.vehiclesText?.message}
            {...form.register('vehiclesText')}
          />
        </>
      )}
      <Button type="submit" disabled={isSubmitting}>
        Save changes
      </Button>
    </form>
  );
}
