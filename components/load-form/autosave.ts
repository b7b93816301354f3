// Everything typed into a new load is kept in the browser until the server has it: a crash, a closed
// tab or a power cut at the gatehouse loses nothing. The load's id is kept too, so sending a restored
// load that had in fact reached the server finds it instead of saving it twice.
import type { LoadFormValues } from '@/lib/loads/schema';

export interface Autosaved {
  id: string;
  savedAt: string;
  values: LoadFormValues;
}

const key = (siteId: string) => `weighbook:new-load:${siteId}`;

/** What the form fills in by itself (the time, the suggested ticket number): not "typed". */
function typedPart(values: LoadFormValues) {
  const { dateTimeReceived: _time, dateTimeIsNow, yourUniqueReference, ticketNumberIsSuggested, ...rest } = values;
  return { ...rest, ...(dateTimeIsNow ? {} : { dateTimeReceived: _time }), ...(ticketNumberIsSuggested ? {} : { yourUniqueReference }) };
}

/** Whether the clerk has typed anything into a new load (so there is something worth keeping). */
export function typedSomething(values: LoadFormValues, initial: LoadFormValues): boolean {
  return stable(typedPart(values)) !== stable(typedPart(initial));
}

/** JSON with object keys sorted, so two forms holding the same values compare equal. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export function readAutosave(siteId: string): Autosaved | null {
  try {
    const raw = window.localStorage.getItem(key(siteId));
    return raw ? (JSON.parse(raw) as Autosaved) : null;
  } catch {
    return null;
  }
}

export function writeAutosave(siteId: string, entry: Autosaved): void {
  try {
    window.localStorage.setItem(key(siteId), JSON.stringify(entry));
  } catch {
    // Storage full or disabled: the form still works, it just cannot survive a crash.
  }
}

export function clearAutosave(siteId: string): void {
  try {
    window.localStorage.removeItem(key(siteId));
  } catch {
    // nothing to do
  }
}
