// The audit history of a load, newest first: when, who, what happened, and for each change
// "Field | Was | Now" in the form's words. Each send to DWT is listed too (from the send attempts).
import { STATUS_LABELS } from '@/components/load-status';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { fieldLabel, formatValue } from './field-labels';
import { outcomeInWords, type AttemptView } from './send-attempts';

export interface HistoryEntryView {
  id: string;
  at: Date;
  actorName: string;
  action: string;
  changes: Record<string, unknown>;
}

const ACTIONS: Record<string, string> = {
  'load.create': 'Logged the load',
  'load.create-draft': 'Saved the load as a draft',
  'load.update': 'Corrected the load',
  'load.send-again-as-new': 'Sent it to DWT again as a new load',
  'load.send-again-possible-duplicate': 'Sent it to DWT again as a new load: possible duplicate at DWT',
  'load.record-waste-tracking-id': 'Check resolved: recorded the waste tracking ID DWT has',
};

export function actionInWords(action: string): string {
  return ACTIONS[action] ?? action;
}

function isChange(value: unknown): value is { from?: unknown; to?: unknown } {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value) && ('from' in (value as object) || 'to' in (value as object));
}

/** A status as the history tells it ("Sent to DWT" rather than the badge's bare "Sent"). */
const HISTORY_STATUS: Partial<Record<LoadStatus, string>> = { SENT: 'Sent to DWT' };

function show(field: string, value: unknown): string {
  if (field === 'status' && typeof value === 'string' && value in STATUS_LABELS)
    return HISTORY_STATUS[value as LoadStatus] ?? STATUS_LABELS[value as LoadStatus];
  return formatValue(value);
}

/** Sends are recorded as attempts, not audit entries: shown in the history too, by "System". */
function sendEntries(attempts: readonly AttemptView[]): HistoryEntryView[] {
  return attempts.map((a) => ({
    id: `attempt-${a.id}`,
    at: a.at,
    actorName: 'System',
    action: `${a.method === 'PUT' ? 'Sent the correction to DWT' : 'Sent to DWT as a new load'} (version ${a.version}): ${outcomeInWords(a.outcome)}`,
    changes: {},
  }));
}

export function LoadHistory({ entries: audit, attempts = [] }: { entries: readonly HistoryEntryView[]; attempts?: readonly AttemptView[] }) {
  const entries = [...audit, ...sendEntries(attempts)].sort((a, b) => b.at.getTime() - a.at.getTime());
  return (
    <section aria-labelledby="history-heading" className="mb-8">
      <h2 id="history-heading" className="mb-1 text-xl font-bold">
        History
      </h2>
      <p className="mb-3 text-sm text-slate-700">Every change to this load and every send to DWT, newest first. Times are UK time.</p>
      {entries.length === 0 ? (
        <p>No changes recorded.</p>
      ) : (
        <ol className="max-w-4xl space-y-4">
          {entries.map((e) => {
            const changes = Object.entries(e.changes).filter(([, v]) => isChange(v)) as [string, { from?: unknown; to?: unknown }][];
            const notes = Object.entries(e.changes).filter(([, v]) => !isChange(v));
            const when = formatUkDateTime(e.at);
            return (
              <li key={e.id} className="border-l-4 border-slate-400 bg-white p-3">
                <h3 className="font-bold">{actionInWords(e.action)}</h3>
                <p className="mb-2">
                  <time dateTime={e.at.toISOString()}>{when}</time>, by <span className="font-semibold">{e.actorName}</span>
                </p>
                {notes.map(([k, v]) => (
                  <p key={k} className="mb-2">
                    {fieldLabel(k)}: {formatValue(v)}
                  </p>
                ))}
                {changes.length > 0 && (
                  <table className="w-full border-collapse text-left">
                    <caption className="sr-only">
                      {actionInWords(e.action)}: fields changed by {e.actorName} at {when}
                    </caption>
                    <thead>
                      <tr className="border-b-2 border-slate-700">
                        <th scope="col" className="p-1.5">
                          Field
                        </th>
                        <th scope="col" className="p-1.5">
                          Was
                        </th>
                        <th scope="col" className="p-1.5">
                          Now
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {changes.map(([field, c]) => (
                        <tr key={field} className="border-b border-slate-300 align-top">
                          <th scope="row" className="p-1.5 font-semibold">
                            {fieldLabel(field)}
                          </th>
                          <td className="p-1.5 break-words">{'from' in c ? show(field, c.from) : '(new)'}</td>
                          <td className="p-1.5 break-words">{show(field, c.to)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
