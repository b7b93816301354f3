'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorSummary } from '@/components/forms/error-summary';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { ROLES, roleLabels } from '@/lib/auth/permissions';
import { updateUserAction } from '@/lib/users/actions';
import { updateUserSchema } from '@/lib/users/schema';
import { Checkbox, CheckboxGroup } from '@/components/forms/checkbox-group';
import { Button } from '@/components/forms/button';

type Values = z.input<typeof updateUserSchema>;

export function EditUserForm({
  user,
  sites,
}: {
  user: { id: string; name: string; roles: Values['roles']; siteIds: string[] };
  sites: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(updateUserSchema),
    shouldFocusError: false,
    defaultValues: { id: user.id, name: user.name, roles: user.roles, siteIds: user.siteIds },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(null);
    const result = await updateUserAction(values);
    if (applyResult(result)) {
      setSaved(result.data.changed ? 'Changes saved.' : 'Nothing had changed.');
      form.reset(values);
      router.refresh();
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="edit-user-heading">
      <h2 id="edit-user-heading" className="mb-4 text-xl font-bold">
        Name, roles and sites
      </h2>
      <ErrorSummary errors={summary} />
      {saved && (
        <p role="status" className="mb-4 border-l-4 border-brand-600 bg-brand-50 p-3">
          {saved}
        </p>
      )}
      <input type="hidden" {...form.register('id')} />
      <TextField label="Full name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
      <CheckboxGroup legend="Roles" name="roles" error={errors.roles?.message}>
        {ROLES.map((role, i) => (
          <Checkbox key={role} first={i === 0} label={roleLabels[role]} value={role} {...form.register('roles')} />
        ))}
      </CheckboxGroup>
      <CheckboxGroup legend="Sites" name="siteIds" hint="They see and log loads of these sites only." error={errors.siteIds?.message}>
        {sites.length === 0 && <p>There are no sites yet.</p>}
        {sites.map((site, i) => (
          <Checkbox key={site.id} first={i === 0} label={site.name} value={site.id} {...form.register('siteIds')} />
        ))}
      </CheckboxGroup>
      <Button type="submit" disabled={isSubmitting}>
        Save changes
      </Button>
    </form>
  );
}
