// The received date and time as the clerk types it: one box, "22/11/2026 09:15" (UK time). The form
// keeps "YYYY-MM-DDTHH:mm" (what the load has always stored) whenever the box holds a whole date and
// time, and what was typed otherwise, so a half-typed time is reported, never guessed. Pure.
import { ukLocalToInstant } from '@/lib/time/uk-time';

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const TYPED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ ,T]+(\d{1,2})[:.](\d{2})$/;

const two = (n: string | number) => String(n).padStart(2, '0');

/** "2026-11-22T09:15" → "22/11/2026 09:15"; anything else as it is. */
export function receivedForDisplay(value: string): string {
  const m = ISO_LOCAL.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : value;
}

/** "22/11/2026 9:15" → "2026-11-22T09:15"; what cannot be read is kept as typed (bounded). */
export function receivedFromTyping(text: string): string {
  const t = text.trim().slice(0, 40);
  const m = TYPED.exec(t);
  if (!m) return text.slice(0, 40);
  const iso = `${m[3]}-${two(m[2]!)}-${two(m[1]!)}T${two(m[4]!)}:${m[5]}`;
  return ukLocalToInstant(iso) ? iso : text.slice(0, 40);
}

/** The instant a received value names, either form; null when it names none. */
export function receivedInstant(value: string): Date | null {
  return ukLocalToInstant(receivedFromTyping(value));
}
