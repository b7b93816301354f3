'use client';
// Create or edit a site: the receiver details DWT takes on every movement, the operator's DWT apiCode
// and the people who work there. The schema is the server's, built on DWT's own rules.
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Checkbox, CheckboxGroup } from '@/components/forms/checkbox-group';
import { ErrorSummary } from '@/components/forms/error-summary';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { createSiteAction, updateSiteAction } from '@/lib/sites/actions';
import {
  AUTHORISATION_NUMBER_EXAMPLES,
  NATIONS,
  TICKET_LAYOUTS,
  WEIGHBRIDGE_UNITS,
  createSiteSchema,
  isTicketLayout,
  nationLabels,
  ticketLayoutLabels,
  ON_SITE_LIMITS,
  onSiteLimitLabels,
  TARE_EXPIRIES,
  tareExpiryLabels,
  updateSiteSchema,
  weighbridgeUnitLabels,
} from '@/lib/sites/schema';
import { Button } from '@/components/forms/button';

type Values = z.input<typeof updateSiteSchema>;

export interface SiteFormSite {
  id: string;
  name: string;
  authorisationNumber: string;
  fullAddress: string;
  postcode: string;
  nation: Values['nation'];
  weighbridgeUnit: string;
  ticketLayout: string;
  onSiteLimitMinutes: number;
  tareExpiryMonths: number | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  regulatoryPositionStatements: number[];
  apiCode: string | null;
  userIds: string[];
}

export function SiteForm({ site, people }: { site?: SiteFormSite; people: { id: string; name: string; email: string }[] }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(site ? updateSiteSchema : (createSiteSchema as unknown as typeof updateSiteSchema)),
    shouldFocusError: false,
    defaultValues: {
      id: site?.id,
      name: site?.name ?? '',
      authorisationNumber: site?.authorisationNumber ?? '',
      fullAddress: site?.fullAddress ?? '',
      postcode: site?.postcode ?? '',
      nation: site?.nation ?? 'ENGLAND',
      weighbridgeUnit: (site?.weighbridgeUnit as Values['weighbridgeUnit']) ?? 'Tonnes',
      ticketLayout: isTicketLayout(site?.ticketLayout) ? site.ticketLayout : 'a4',
      onSiteLimitMinutes: ON_SITE_LIMITS.find((l) => Number(l) === site?.onSiteLimitMinutes) ?? '240',
      tareExpiryMonths: site && site.tareExpiryMonths === null ? 'never' : (TARE_EXPIRIES.find((t) => Number(t) === site?.tareExpiryMonths) ?? '6'),
      contactName: site?.contactName ?? '',
      contactEmail: site?.contactEmail ?? '',
      contactPhone: site?.contactPhone ?? '',
      regulatoryPositionStatements: site?.regulatoryPositionStatements.join(', ') ?? '',
      apiCode: site?.apiCode ?? '',
      userIds: site?.userIds ?? [],
    },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(null);
    if (site) {
      const result = await updateSiteAction({ ...values, id: site.id });
      if (applyResult(result)) {
        setSaved(result.data.changed ? 'Changes saved.' : 'Nothing had changed.');
        router.refresh();
      }
    } else {
      const { id: _id, ...rest } = values;
      const result = await createSiteAction(rest);
      if (applyResult(result)) router.push(`/admin/sites/${result.data.id}?created=1`);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={site ? 'Site details' : 'Add a site'}>
      <ErrorSummary errors={summary} />
      {saved && (
        <p role="status" className="mb-4 border-l-4 border-brand-600 bg-brand-50 p-3">
          {saved}
        </p>
      )}
      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Receiving site, as DWT knows it</legend>
        <TextField label="Site name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
        <TextField
          label="Authorisation number"
          hint={`The site’s permit or licence number, such as ${AUTHORISATION_NUMBER_EXAMPLES}. Loads cannot be sent to DWT until it is set.`}
          autoComplete="off"
          spellCheck={false}
          error={errors.authorisationNumber?.message}
          {...form.register('authorisationNumber')}
        />
        <TextField label="Full address" autoComplete="off" error={errors.fullAddress?.message} {...form.register('fullAddress')} />
        <TextField
          label="Postcode"
          hint="A UK postcode, like W12 7ZL."
          autoComplete="off"
          className="max-w-40"
          error={errors.postcode?.message}
          {...form.register('postcode')}
        />
        <SelectField
          label="Nation"
          hint="Sets the bank holidays of the two-working-day reporting deadline."
          options={NATIONS.map((n) => ({ value: n, label: nationLabels[n] }))}
          error={errors.nation?.message}
          {...form.register('nation')}
        />
        <SelectField
          label="Weighbridge unit"
          hint="The unit the weighbridge shows. The load form asks for weights in it, and questions any that look wrong for it."
          options={WEIGHBRIDGE_UNITS.map((u) => ({ value: u, label: weighbridgeUnitLabels[u] }))}
          error={errors.weighbridgeUnit?.message}
          {...form.register('weighbridgeUnit')}
        />
        <SelectField
          label="Weighbridge tickets print on"
          hint="The usual paper for this site’s tickets; the ticket page offers the other too."
          options={TICKET_LAYOUTS.map((l) => ({ value: l, label: ticketLayoutLabels[l] }))}
          error={errors.ticketLayout?.message}
          {...form.register('ticketLayout')}
        />
        <SelectField
          label="Vehicle on site too long after"
          hint="A vehicle weighed in and not out for longer shows on the managers’ home page."
          options={ON_SITE_LIMITS.map((l) => ({ value: l, label: onSiteLimitLabels[l] }))}
          error={errors.onSiteLimitMinutes?.message}
          {...form.register('onSiteLimitMinutes')}
        />
        <SelectField
          label="Stored tares stay valid for"
          hint="After this, a vehicle is weighed out again (and its new tare can be kept)."
          options={TARE_EXPIRIES.map((t) => ({ value: t, label: tareExpiryLabels[t] }))}
          error={errors.tareExpiryMonths?.message}
          {...form.register('tareExpiryMonths')}
        />
        <TextField
          label="Regulatory position statements (optional)"
          hint="The numbers of any regulatory position statements the site works under, separated by commas, like 123, 456."
          autoComplete="off"
          error={errors.regulatoryPositionStatements?.message}
          {...form.register('regulatoryPositionStatements')}
        />
      </fieldset>
      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Contact (optional)</legend>
        <TextField label="Contact name" autoComplete="off" error={errors.contactName?.message} {...form.register('contactName')} />
        <TextField
          label="Contact email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          error={errors.contactEmail?.message}
          {...form.register('contactEmail')}
        />
        <TextField label="Contact phone number" type="tel" autoComplete="off" error={errors.contactPhone?.message} {...form.register('contactPhone')} />
      </fieldset>
      <TextField
        label="DWT apiCode (optional until set)"
        hint="The operator’s apiCode from DWT, a UUID like 1f83215e-4b90-4785-9ab2-2614839aa2e9. Until it is set, loads are sent with the apiCode of the DWT connection settings."
        autoComplete="off"
        spellCheck={false}
        className="font-mono"
        error={errors.apiCode?.message}
        {...form.register('apiCode')}
      />
      <CheckboxGroup legend="People who work here" name="userIds" hint="They see and log this site’s loads." error={errors.userIds?.message}>
        {people.length === 0 && <p>There are no users yet.</p>}
        {people.map((p, i) => (
          <Checkbox key={p.id} first={i === 0} label={`${p.name} (${p.email})`} value={p.id} {...form.register('userIds')} />
        ))}
      </CheckboxGroup>
      <Button type="submit" disabled={isSubmitting}>
        {site ? 'Save changes' : 'Add site'}
      </Button>
    </form>
  );
}
