// UK wall-clock time (Europe/London, GMT/BST) to and from instants, without a date library.
// Forms show and take UK time; DWT gets ISO 8601 instants.

const LONDON = 'Europe/London';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function londonParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Minutes London is ahead of UTC at this instant (0 or 60). */
function londonOffsetMinutes(instant: Date): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-07-01T09:30" read as UK time → the instant. In the autumn hour that happens twice the first
 * (BST) one is taken; a spring-gap time is moved forward by the missing hour, as clocks are.
 */
export function ukLocalToInstant(local: string): Date | null {
  const m = LOCAL_PATTERN.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null; // 31 February
  // Try BST first, then GMT: the first whose London wall time matches is right.
  for (const offset of [60, 0]) {
    const candidate = new Date(wall - offset * 60_000);
    if (londonOffsetMinutes(candidate) === offset) return candidate;
  }
  return new Date(wall); // in the spring gap: GMT reading lands an hour later, as the clocks do
}

/** The instant as "YYYY-MM-DDTHH:mm" in UK time, for a datetime-local input. */
export function instantToUkLocal(instant: Date): string {
  const p = londonParts(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month!)}-${two(p.day!)}T${two(p.hour!)}:${two(p.minute!)}`;
}

const displayFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** "22 Nov 2026, 09:15 GMT" */
export function formatUkDateTime(instant: Date): string {
  return displayFormatter.format(instant);
}
