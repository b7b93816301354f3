'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorSummary } from '@/components/forms/error-summary';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { acceptInvitationAction } from '@/lib/users/actions';
import { acceptInvitationSchema } from '@/lib/users/schema';
import { Button } from '@/components/forms/button';

type Values = z.input<typeof acceptInvitationSchema>;

export function AcceptInvitationForm({ token }: { token: string }) {
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(acceptInvitationSchema),
    shouldFocusError: false,
    defaultValues: { token, password: '', confirmPassword: '' },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await acceptInvitationAction(values);
    if (applyResult(result)) setDone(result.data.email);
  });

  if (done) {
    return (
      <div role="status" className="border-l-4 border-brand-600 bg-white p-4">
        <p className="mb-2">Your password is set. Sign in as {done}.</p>
        <Link href="/sign-in" className="font-semibold text-brand-700 underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Choose your password">
      <ErrorSummary errors={summary} />
      <input type="hidden" {...form.register('token')} />
      <TextField
        label="New password"
        hint="At least 12 characters."
        type="password"
        autoComplete="new-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <TextField
        label="Type the password again"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...form.register('confirmPassword')}
      />
      <Button type="submit" disabled={isSubmitting}>
        Set password
      </Button>
    </form>
  );
}
