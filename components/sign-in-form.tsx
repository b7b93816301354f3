'use client';
// Two fields, checked in the browser as the server checks them (lib/auth/sign-in-checks.ts, the same
// rules and messages as the server's zod schema) without react-hook-form, zod or next-auth/react: the
// sign-in page ships a few kB of its own. As with the other forms: the checks run on submit, then again
// on each change to a field; the error summary takes focus and links to each field.
import { useRouter } from 'next/navigation';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { checkSignIn, type SignInErrors, type SignInField } from '@/lib/auth/sign-in-checks';
import { signInWithCredentials } from './auth-client';
import { ErrorSummary, type SummaryError } from './forms/error-summary';
import { fieldId } from './forms/field-id';
import { TextField } from './forms/text-field';
import { Button } from '@/components/forms/button';

const FIELDS: SignInField[] = ['email', 'password'];

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [errors, setErrors] = useState<SignInErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const read = () => {
    const data = new FormData(formRef.current!);
    return { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') };
  };

  // After a first submit, a field's message follows what is typed in it.
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    if (!submitted) return;
    const name = event.target.name as SignInField;
    const message = checkSignIn(read()).errors[name];
    setErrors((current) => (current[name] === message ? current : { ...current, [name]: message }));
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    const check = checkSignIn(read());
    setErrors(check.errors);
    if (Object.keys(check.errors).length > 0) return;
    setBusy(true);
    setFormError(null);
    const result = await signInWithCredentials(check.values, callbackUrl).catch(() => ({
      ok: false,
      error: 'The server could not be reached. Check the connection and sign in again.',
    }));
    if (result.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setBusy(false);
    setFormError(result.error && result.error !== 'CredentialsSignin' ? result.error : 'The email address or password is not right.');
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ message: formError }] : []),
    ...FIELDS.flatMap((name) => (errors[name] ? [{ fieldId: fieldId(name), message: errors[name] }] : [])),
  ];

  return (
    <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate>
      <ErrorSummary errors={summary} />
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="username"
        spellCheck={false}
        defaultValue=""
        error={errors.email}
        onChange={onChange}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" defaultValue="" error={errors.password} onChange={onChange} />
      <Button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
