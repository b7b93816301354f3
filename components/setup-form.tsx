'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createFirstAdminAction } from '@/lib/users/actions';
import { firstAdminSchema } from '@/lib/users/schema';
import { ErrorSummary } from './forms/error-summary';
import { TextField } from './forms/text-field';
import { useActionForm } from './forms/use-action-form';
import { Button } from '@/components/forms/button';

type Values = z.input<typeof firstAdminSchema>;

export function SetupForm() {
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(firstAdminSchema),
    shouldFocusError: false, // the error summary takes focus instead
    defaultValues: { setupToken: '', name: '', email: '', password: '' },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await createFirstAdminAction(values);
    if (applyResult(result)) setDone(result.data.email);
  });

  if (done) {
    return (
      <div role="status" className="border-l-4 border-brand-600 bg-white p-4">
        <p className="mb-2">The administrator account for {done} is ready.</p>
        <Link href="/sign-in" className="font-semibold text-brand-700 underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <TextField
        label="Set-up code"
        hint="Printed in the console when Weighbook started, like ABCD-1234-EF56."
        autoComplete="off"
        spellCheck={false}
        error={errors.setupToken?.message}
        {...form.register('setupToken')}
      />
      <TextField label="Your full name" autoComplete="name" error={errors.name?.message} {...form.register('name')} />
      <TextField label="Email address" type="email" autoComplete="username" spellCheck={false} error={errors.email?.message} {...form.register('email')} />
      <TextField
        label="Password"
        hint="At least 12 characters."
        type="password"
        autoComplete="new-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Button type="submit" disabled={isSubmitting}>
        Create administrator
      </Button>
    </form>
  );
}
