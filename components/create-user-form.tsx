'use client';
// Adds a user, either with an invitation (a one-time link the person uses to choose their password)
// or with a temporary password the admin passes on. Each way is checked by its own server schema.
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { ROLES, roleLabels } from '@/lib/auth/permissions';
import { createUserAction, inviteUserAction } from '@/lib/users/actions';
import { createUserSchema, inviteUserSchema } from '@/lib/users/schema';
import { Checkbox, CheckboxGroup } from '@/components/forms/checkbox-group';
import { OneTimeLink } from './admin/users/one-time-link';
import { ErrorSummary } from './forms/error-summary';
import { TextField } from './forms/text-field';
import { useActionForm } from './forms/use-action-form';
import { Button } from '@/components/forms/button';

type Method = 'invite' | 'password';
type Values = z.input<typeof createUserSchema>;

const resolvers = { invite: zodResolver(inviteUserSchema), password: zodResolver(createUserSchema) } as unknown as Record<Method, Resolver<Values>>;

export function CreateUserForm({ sites }: { sites: { id: string; name: string }[] }) {
  const router = useRouter();
  const [method, setMethod] = useState<Method>('invite');
  const [created, setCreated] = useState<string | null>(null);
  const [invited, setInvited] = useState<{ email: string; path: string } | null>(null);
  const form = useForm<Values>({
    resolver: (values, context, options) => resolvers[method](values, context, options),
    shouldFocusError: false, // the error summary takes focus instead
    defaultValues: { name: '', email: '', password: '', roles: [], siteIds: [] },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setCreated(null);
    setInvited(null);
    if (method === 'invite') {
      const { password: _password, ...rest } = values;
      const result = await inviteUserAction(rest);
      if (!applyResult(result)) return;
      setInvited({ email: result.data.email, path: result.data.path });
    } else {
      const result = await createUserAction(values);
      if (!applyResult(result)) return;
      setCreated(values.email);
    }
    form.reset();
    router.refresh();
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
      {invited && (
        <OneTimeLink path={invited.path} heading={`Invitation for ${invited.email}`}>
          <p>Send this link to them privately. They choose their own password with it.</p>
        </OneTimeLink>
      )}
      <TextField label="Full name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
      <TextField label="Email address" type="email" autoComplete="off" spellCheck={false} error={errors.email?.message} {...form.register('email')} />
      <fieldset className="mb-5">
        <legend className="font-semibold">How will they get a password?</legend>
        {(
          [
            ['invite', 'Send an invitation link: they choose their own password'],
            ['password', 'Choose a password for them now and pass it on privately'],
          ] as const
        ).map(([value, label]) => (
          <div key={value} className="mt-1 flex items-center gap-2">
            <input
              type="radio"
              id={`method-${value}`}
              name="method"
              value={value}
              className="h-5 w-5"
              checked={method === value}
              onChange={() => {
                setMethod(value);
                form.clearErrors();
              }}
            />
            <label htmlFor={`method-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      {method === 'password' && (
        <TextField
          label="Temporary password"
          hint="At least 12 characters. Give it to the person privately."
          type="password"
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
      )}
      <CheckboxGroup legend="Roles" name="roles" error={errors.roles?.message}>
        {ROLES.map((role, i) => (
          <Checkbox key={role} first={i === 0} label={roleLabels[role]} value={role} {...form.register('roles')} />
        ))}
      </CheckboxGroup>
      {sites.length > 0 && (
        <CheckboxGroup legend="Sites" name="siteIds" error={errors.siteIds?.message}>
          {sites.map((site, i) => (
            <Checkbox key={site.id} first={i === 0} label={site.name} value={site.id} {...form.register('siteIds')} />
          ))}
        </CheckboxGroup>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {method === 'invite' ? 'Create invitation' : 'Add user'}
      </Button>
    </form>
  );
}
