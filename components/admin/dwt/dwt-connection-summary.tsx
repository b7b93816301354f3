import type { DwtSettingsView } from '@/lib/dwt-settings/schema';
import { formatUkDateTime } from '@/lib/time/uk-time';

const sourceLabels: Record<DwtSettingsView['source'], string> = {
  saved: 'Settings saved on this page',
  environment: "The server's DWT_* settings",
  'built-in sandbox': 'The built-in sandbox (nothing leaves this machine)',
};

/** The connection in use now, where it comes from, and whether a secret is saved (never the secret). */
export function DwtConnectionSummary({ settings }: { settings: DwtSettingsView }) {
  const { effective, saved } = settings;
  return (
    <section aria-labelledby="dwt-in-use-heading" className="mb-8">
      <h2 id="dwt-in-use-heading" className="mb-3 text-xl font-bold">
        In use now
      </h2>
      {settings.problem && (
        <p role="alert" className="mb-4 max-w-3xl border-l-4 border-danger-700 bg-white p-3 font-semibold text-danger-700">
          The DWT connection cannot be used: {settings.problem}
        </p>
      )}
      <dl className="grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 bg-white p-4">
        <dt className="font-semibold">From</dt>
        <dd>{sourceLabels[settings.source]}</dd>
        {effective && (
          <>
            <dt className="font-semibold">Environment</dt>
            <dd>{effective.environment}</dd>
            <dt className="font-semibold">API address</dt>
            <dd className="break-all">{effective.apiBaseUrl}</dd>
            <dt className="font-semibold">Auth address</dt>
            <dd className="break-all">{effective.authUrl}</dd>
            <dt className="font-semibold">Client id</dt>
            <dd className="break-all">{effective.clientId}</dd>
          </>
        )}
        <dt className="font-semibold">Client secret</dt>
        <dd>
          {saved
            ? `Saved (encrypted) on ${formatUkDateTime(new Date(saved.secretSetAt))}${saved.secretSetBy ? ` by ${saved.secretSetBy}` : ''}`
            : 'None saved here'}
        </dd>
      </dl>
    </section>
  );
}
