'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { signInSchema, type SignInInput } from '@/lib/auth/sign-in-schema';
import { ErrorSummary } from './forms/error-summary';
import { TextField } from './forms/text-field';
import { useActionForm } from './forms/use-action-form';
import { Button } from '@/components/forms/button';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), shouldFocusError: false, defaultValues: { email: '', password: '' } });
  const { summary, setFormError } = useActionForm(form);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    const result = await signIn('credentials', { ...values, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setBusy(false);
    setFormError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'The email address or password is not right.');
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <TextField label="Email address" type="email" autoComplete="username" spellCheck={false} error={errors.email?.message} {...form.register('email')} />
      <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...form.register('password')} />
      <Button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
