// Every attempt to send a load to DWT: when, how, which version, what came of it.
import type { DwtValidationError } from '@/lib/dwt/errors';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { DwtMessageList } from './dwt-messages';

export interface AttemptView {
  id: string;
  at: Date;
  method: string;
  version: number;
  outcome: string;
  httpStatus: number | null;
  durationMs: number;
  detail: unknown;
}

const OUTCOMES: Record<string, string> = {
  created: 'DWT stored it as a new load',
  updated: 'DWT took the correction',
  rejected: 'DWT refused it',
  'not-found': 'DWT does not know this waste tracking id',
  'rate-limited': 'DWT was busy; tried again later',
  unavailable: 'DWT could not be reached; tried again later',
  'not-authorised': 'DWT refused our credentials or apiCode',
  'payment-required': 'DWT wants its service charge paid first (402); waiting',
  'api-code-refused': 'DWT does not accept the site’s apiCode; waiting for a working one',
  ambiguous: 'No answer from DWT: it may or may not have stored it',
  interrupted: 'Sending was interrupted before DWT answered',
  unexpected: 'DWT gave an unexpected answer',
};

export function outcomeInWords(outcome: string): string {
  return OUTCOMES[outcome] ?? outcome;
}

function methodInWords(method: string): string {
  return method === 'POST' ? 'Sent as new' : method === 'PUT' ? 'Sent a correction' : method;
}

export function SendAttempts({ attempts }: { attempts: readonly AttemptView[] }) {
  return (
    <section aria-labelledby="attempts-heading" className="mb-8">
      <h2 id="attempts-heading" className="mb-2 text-xl font-bold">
        Sent to DWT
      </h2>
      {attempts.length === 0 ? (
        <p>Not sent yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full max-w-5xl border-collapse bg-white text-left">
            <caption className="mb-1 text-left">Every attempt to send this load, oldest first.</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className="p-2">
                  When
                </th>
                <th scope="col" className="p-2">
                  How
                </th>
                <th scope="col" className="p-2">
                  Version
                </th>
                <th scope="col" className="p-2">
                  Outcome
                </th>
                <th scope="col" className="p-2">
                  HTTP status
                </th>
                <th scope="col" className="p-2">
                  Took
                </th>
                <th scope="col" className="p-2">
                  DWT’s errors and warnings
                </th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => {
                const d = (a.detail ?? {}) as { warnings?: DwtValidationError[]; errors?: DwtValidationError[]; reason?: string; message?: string };
                const errors = d.errors ?? [];
                const warnings = d.warnings ?? [];
                return (
                  <tr key={a.id} className="border-b border-slate-300 align-top">
                    <td className="p-2">{formatUkDateTime(a.at)}</td>
                    <td className="p-2">
                      {methodInWords(a.method)} <span className="font-mono text-sm">({a.method})</span>
                    </td>
                    <td className="p-2">{a.version}</td>
                    <td className="p-2">
                      {outcomeInWords(a.outcome)} <span className="font-mono text-sm">({a.outcome})</span>
                      {(d.reason || d.message) && <span className="block text-sm">{d.reason ?? d.message}</span>}
                    </td>
                    <td className="p-2">{a.httpStatus ?? '–'}</td>
                    <td className="p-2">{a.durationMs < 1000 ? `${a.durationMs} ms` : `${(a.durationMs / 1000).toFixed(1)} s`}</td>
                    <td className="p-2">
                      {errors.length === 0 && warnings.length === 0 ? (
                        'None'
                      ) : (
                        <>
                          {errors.length > 0 && (
                            <>
                              <span className="font-semibold">Errors</span>
                              <DwtMessageList messages={errors} />
                            </>
                          )}
                          {warnings.length > 0 && (
                            <>
                              <span className="font-semibold">Warnings</span>
                              <DwtMessageList messages={warnings} />
                            </>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
