'use client';
// Disable/enable, temporary password, reset link and a fresh invitation: each a small form of its own
// with its result announced. Disabling asks for confirmation first, since it ends their sessions.
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorSummary } from '@/components/forms/error-summary';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import type { ActionResult } from '@/lib/action-result';
import { issuePasswordResetLinkAction, reissueInvitationAction, setTemporaryPasswordAction, setUserDisabledAction } from '@/lib/users/actions';
import { setTemporaryPasswordSchema } from '@/lib/users/schema';
import { OneTimeLink } from './one-time-link';
import { Button } from '@/components/forms/button';

function Problem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="mb-4 border-4 border-danger-700 bg-white p-3 font-semibold text-danger-700">
      {message}
    </div>
  );
}

export function DisableAccount({ user, isSelf }: { user: { id: string; name: string; disabled: boolean }; isSelf: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function apply(disabled: boolean) {
    setBusy(true);
    setProblem(null);
    setDone(null);
    const result = await setUserDisabledAction({ id: user.id, disabled });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setProblem(result.formError ?? 'Something went wrong.');
    setDone(disabled ? `${user.name}’s account is disabled and their sessions have ended.` : `${user.name} can sign in again.`);
    router.refresh();
  }

  return (
    <section aria-labelledby="account-heading" className="mb-8">
      <h2 id="account-heading" className="mb-2 text-xl font-bold">
        Account
      </h2>
      <Problem message={problem} />
      {done && (
        <p role="status" className="mb-3 border-l-4 border-brand-600 bg-brand-50 p-3">
          {done}
        </p>
      )}
      {user.disabled ? (
        <>
          <p className="mb-3">This account is disabled: they cannot sign in.</p>
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => apply(false)}>
            Enable account
          </Button>
        </>
      ) : isSelf ? (
        <p>This is your own account. Another administrator can disable it.</p>
      ) : confirming ? (
        <div className="border-l-4 border-danger-700 pl-3">
          <p className="mb-3 font-semibold">Disable {user.name}’s account? They are signed out at once and cannot sign in until enabled again.</p>
          <div className="flex gap-3">
            <Button variant="warning" size="sm" disabled={busy} onClick={() => apply(true)}>
              Yes, disable the account
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Disable account
        </Button>
      )}
    </section>
  );
}

type PasswordValues = z.input<typeof setTemporaryPasswordSchema>;

export function ResetPassword({ user, invited }: { user: { id: string; name: string }; invited: boolean }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const [link, setLink] = useState<{ path: string; heading: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<PasswordValues>({
    resolver: zodResolver(setTemporaryPasswordSchema),
    shouldFocusError: false,
    defaultValues: { id: user.id, password: '' },
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null);
    setLink(null);
    if (applyResult(await setTemporaryPasswordAction(values))) {
      setDone(`The temporary password is set and ${user.name}’s sessions have ended. Give it to them privately.`);
      form.reset({ id: user.id, password: '' });
      router.refresh();
    }
  });

  async function issue(action: (input: unknown) => Promise<ActionResult<{ path: string }>>, heading: string) {
    setBusy(true);
    setDone(null);
    setLink(null);
    setProblem(null);
    const result = await action({ id: user.id });
    setBusy(false);
    if (!result.ok) return setProblem(result.formError ?? 'Something went wrong.');
    setLink({ path: result.data.path, heading });
    router.refresh();
  }

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading" className="mb-2 text-xl font-bold">
        Password
      </h2>
      <Problem message={problem} />
      {link && (
        <OneTimeLink path={link.path} heading={link.heading}>
          <p>Send this link to {user.name} privately. Any earlier link no longer works.</p>
        </OneTimeLink>
      )}
      {done && (
        <p role="status" className="mb-3 border-l-4 border-brand-600 bg-brand-50 p-3">
          {done}
        </p>
      )}
      <div className="mb-6 flex flex-wrap gap-3">
        {invited ? (
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => issue(reissueInvitationAction, 'A new invitation link')}>
            Create a new invitation link
          </Button>
        ) : (
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => issue(issuePasswordResetLinkAction, 'Password reset link')}>
            Create a password reset link
          </Button>
        )}
      </div>
      <form onSubmit={onSubmit} noValidate aria-labelledby="temporary-password-heading">
        <h3 id="temporary-password-heading" className="mb-2 font-bold">
          Or set a temporary password
        </h3>
        <ErrorSummary errors={summary} />
        <input type="hidden" {...form.register('id')} />
        <TextField
          label="Temporary password"
          hint="At least 12 characters. Their sessions end when you set it."
          type="password"
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" variant="secondary" size="sm" disabled={isSubmitting}>
          Set temporary password
        </Button>
      </form>
    </section>
  );
}
