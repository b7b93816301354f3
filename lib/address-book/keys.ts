// The address book's plain helpers the load form's pickers use in the browser: no zod here (schema.ts,
// which re-exports these, holds the zod rules for the server and the admin pages).
import type { PartyKind } from '@/lib/generated/prisma/enums';

/** Lower case, to sit inside a sentence ("Enter a new carrier"). */
export const partyKindNouns: Record<PartyKind, string> = {
  CARRIER: 'carrier',
  BROKER_DEALER: 'broker or dealer',
};

/** The vehicle lookup waits for this much of a registration (by `matchKey`): one character is no plate. */
export const VEHICLE_LOOKUP_MIN_LENGTH = 2;

/**
 * How registration numbers and vehicle registrations are compared: letters A–Z and digits only, upper
 * case. "ab12 cde", "AB12CDE" and "AB12-CDE" are one vehicle; "WCR/R/1234567" matches "wcrr1234567".
 * The service's SQL computes the same key for stored values (strip first, then upper-case, so the two
 * agree whatever the database's locale).
 */
export function matchKey(value: string): string {
  return value.replace(/[^A-Za-z0-9]+/g, '').toUpperCase();
}
