'use client';
// The DWT connection form. The client secret field is write-only: it starts empty every time (the
// page never receives the saved secret), and left blank it keeps the saved one.
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { useActionForm } from '@/components/forms/use-action-form';
import { removeDwtSettingsAction, saveDwtSettingsAction, testDwtConnectionAction } from '@/lib/dwt-settings/actions';
import {
  DWT_ENVIRONMENTS,
  dwtEnvironmentLabels,
  dwtSettingsSchema,
  type ConnectionTestResult,
  type DwtSettingsInput,
  type DwtSettingsView,
} from '@/lib/dwt-settings/schema';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { Button } from '@/components/forms/button';

const environmentOptions = DWT_ENVIRONMENTS.map((value) => ({ value, label: dwtEnvironmentLabels[value] }));

function defaultsOf(settings: DwtSettingsView): DwtSettingsInput {
  const from = settings.saved ?? settings.effective;
  return {
    environment: from?.environment ?? 'sandbox',
    apiBaseUrl: from?.apiBaseUrl ?? '',
    authUrl: from?.authUrl ?? '',
    clientId: from?.clientId ?? '',
    clientSecret: '',
  };
}

export function DwtSettingsForm({ settings }: { settings: DwtSettingsView }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const [testing, startTest] = useTransition();
  const [removing, startRemove] = useTransition();
  const form = useForm<DwtSettingsInput>({
    resolver: zodResolver(dwtSettingsSchema),
    shouldFocusError: false, // the error summary takes focus instead
    defaultValues: defaultsOf(settings),
  });
  const { applyResult, summary } = useActionForm(form);
  const { errors, isSubmitting } = form.formState;
  const saved = settings.saved;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    setTest(null);
    const result = await saveDwtSettingsAction(values);
    if (applyResult(result)) {
      form.reset({ ...values, clientSecret: '' });
      setMessage('Saved. Weighbook uses these settings from now on (other processes within a few seconds).');
      router.refresh();
    }
  });

  const onTest = () =>
    startTest(async () => {
      setMessage(null);
      setTest(null);
      if (!(await form.trigger())) return;
      const result = await testDwtConnectionAction(form.getValues());
      if (applyResult(result)) setTest(result.data);
    });

  const onRemove = () =>
    startRemove(async () => {
      setMessage(null);
      setTest(null);
      const result = await removeDwtSettingsAction({});
      if (applyResult(result)) {
        form.reset(defaultsOf(result.data));
        setMessage("Removed the saved settings and their secret. Weighbook uses the server's DWT settings again.");
        router.refresh();
      }
    });

  const secretHint = saved
    ? `A secret is saved (set on ${formatUkDateTime(new Date(saved.secretSetAt))}${saved.secretSetBy ? ` by ${saved.secretSetBy}` : ''}). Leave blank to keep it; it is never shown.`
    : 'No secret is saved here yet: enter the one DWT gave you. It is stored encrypted and never shown.';

  return (
    <section aria-labelledby="dwt-settings-heading" className="max-w-3xl">
      <h2 id="dwt-settings-heading" className="mb-3 text-xl font-bold">
        Connection settings
      </h2>
      {!settings.canSaveSecrets && (
        <p className="mb-4 border-l-4 border-danger-700 bg-white p-3">
          Secrets cannot be saved in this installation: set WEIGHBOOK_SECRETS_KEY on the server and restart Weighbook.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate aria-labelledby="dwt-settings-heading">
        <ErrorSummary errors={summary} />
        <SelectField
          label="Environment"
          hint="Only production receives personal data; sandbox and test get placeholders."
          options={environmentOptions}
          error={errors.environment?.message}
          {...form.register('environment')}
        />
        <TextField
          label="API URL"
          hint="For example https://waste-tracking.integration.api.defra.gov.uk"
          type="url"
          autoComplete="off"
          spellCheck={false}
          error={errors.apiBaseUrl?.message}
          {...form.register('apiBaseUrl')}
        />
        <TextField
          label="Auth URL"
          hint="The token host; Weighbook asks {auth URL}/oauth2/token for a token."
          type="url"
          autoComplete="off"
          spellCheck={false}
          error={errors.authUrl?.message}
          {...form.register('authUrl')}
        />
        <TextField label="Client id" autoComplete="off" spellCheck={false} error={errors.clientId?.message} {...form.register('clientId')} />
        <TextField
          label="Client secret"
          hint={secretHint}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          error={errors.clientSecret?.message}
          {...form.register('clientSecret')}
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save'}
          </Button>
          <Button onClick={onTest} disabled={testing} variant="secondary">
            {testing ? 'Testing…' : 'Test connection'}
          </Button>
          {saved && (
            <Button onClick={onRemove} disabled={removing} variant="warning">
              Remove saved settings and secret
            </Button>
          )}
        </div>
      </form>
      <div role="status" className="mt-4">
        {message && <p className="border-l-4 border-brand-600 bg-brand-50 p-3">{message}</p>}
        {test && (
          <div className={`border-l-4 bg-white p-3 ${test.ok ? 'border-brand-600' : 'border-danger-700'}`}>
            <p className="font-semibold">{test.ok ? 'The connection works.' : 'The connection does not work.'}</p>
            <ul className="mt-1 list-none space-y-1">
              {test.steps.map((s, i) => (
                <li key={i}>
                  <span aria-hidden="true">{s.ok ? '✓ ' : '✗ '}</span>
                  <span className="sr-only">{s.ok ? 'Done: ' : 'Failed: '}</span>
                  {s.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
