'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ROLES, roleLabels } from '@/lib/auth/permissions';
import { createUserAction } from '@/lib/users/actions';
import { createUserSchema } from '@/lib/users/schema';
import { ErrorSummary } from './forms/error-summary';
import { fieldId } from './forms/field-id';
import { TextField } from './forms/text-field';
import { useActionForm } from './forms/use-action-form';

type Values = z.input<typeof createUserSchema>;

export function CreateUserForm({ sites }: { sites: { id: string; name: string }[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(createUserSchema),
    shouldFocusError: false, // the error summary takes focus instead
    defaultValues: { name: '', email: '', password: '', roles: [], siteIds: [] },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setCreated(null);
    const result = await createUserAction(values);
    if (applyResult(result)) {
      setCreated(values.email);
      form.reset();
      router.refresh();
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="create-user-heading">
      <h2 id="create-user-heading" className="mb-4 text-xl font-bold">
        Add a user
      </h2>
      <ErrorSummary errors={summary} />
      {created && (
        <p role="status" className="mb-4 border-l-4 border-brand-600 bg-brand-50 p-3">
          {created} can now sign in.
        </p>
      )}
      <TextField label="Full name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
      <TextField label="Email address" type="email" autoComplete="off" spellCheck={false} error={errors.email?.message} {...form.register('email')} />
      <TextField
        label="Temporary password"
        hint="At least 12 characters. Give it to the person privately."
        type="password"
        autoComplete="new-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <CheckboxGroup legend="Roles" name="roles" error={errors.roles?.message}>
        {ROLES.map((role, i) => (
          <Checkbox key={role} id={i === 0 ? fieldId('roles') : undefined} label={roleLabels[role]} value={role} {...form.register('roles')} />
        ))}
      </CheckboxGroup>
      {sites.length > 0 && (
        <CheckboxGroup legend="Sites" name="siteIds" error={errors.siteIds?.message}>
          {sites.map((site, i) => (
            <Checkbox key={site.id} id={i === 0 ? fieldId('siteIds') : undefined} label={site.name} value={site.id} {...form.register('siteIds')} />
          ))}
        </CheckboxGroup>
      )}
      <button type="submit" disabled={isSubmitting} className="bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        Add user
      </button>
    </form>
  );
}

function CheckboxGroup({ legend, name, error, children }: { legend: string; name: string; error?: string; children: React.ReactNode }) {
  return (
    <fieldset className={`mb-5 ${error ? 'border-l-4 border-danger-700 pl-3' : ''}`} aria-describedby={error ? `${fieldId(name)}-error` : undefined}>
      <legend className="font-semibold">{legend}</legend>
      {error && (
        <p id={`${fieldId(name)}-error`} className="font-semibold text-danger-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <div className="mt-1 space-y-1">{children}</div>
    </fieldset>
  );
}

const Checkbox = ({ label, id, ...rest }: { label: string; id?: string } & React.InputHTMLAttributes<HTMLInputElement>) => {
  const inputId = id ?? `cb-${rest.name}-${String(rest.value)}`;
  return (
    <div className="flex items-center gap-2">
      <input type="checkbox" id={inputId} className="h-5 w-5" {...rest} />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
};
