// Stored tares: a vehicle's empty weight at a site, kept so a regular vehicle is weighed once. Pure.
import { z } from 'zod';

export const REGISTRATION_MAX = 20;
export const TARE_UNITS = ['Kilograms', 'Tonnes'] as const;
export type TareUnit = (typeof TARE_UNITS)[number];

/** "KR12 PTE" / "kr12pte" → "KR12PTE": how stored tares are keyed. */
export function registrationKey(reg: string): string {
  return reg.replace(/\s+/g, '').toUpperCase().slice(0, REGISTRATION_MAX);
}

/** A tare typed by hand (the address book, or the gatehouse). */
export const recordTareSchema = z.object({
  siteId: z.uuid(),
  vehicleRegistration: z
    .string()
    .trim()
    .min(2, 'Enter the vehicle registration')
    .max(REGISTRATION_MAX, `Vehicle registration must be ${REGISTRATION_MAX} characters or fewer`),
  amount: z.string().trim().min(1, 'Enter the tare weight').max(40, 'Enter the tare weight as a number, like 11,240'),
  unit: z.enum(TARE_UNITS, 'Choose the unit'),
  reason: z.string().trim().max(500, 'Reason must be 500 characters or fewer').default(''),
});
export type RecordTareInput = z.input<typeof recordTareSchema>;

export const removeTareSchema = z.object({ siteId: z.uuid(), vehicleRegistration: z.string().trim().min(1).max(REGISTRATION_MAX) });

export interface StoredTare {
  vehicleRegistration: string;
  amount: number;
  unit: TareUnit;
  weighedAt: Date;
  source: 'indicator' | 'manual';
  recordedById: string | null;
  /** When it stops being valid (the site's expiry), or null: no expiry. */
  expiresAt: Date | null;
}

/** When a tare weighed at `weighedAt` expires under a site's setting (months; null: never). */
export function tareExpiry(weighedAt: Date, months: number | null): Date | null {
  if (months === null) return null;
  const d = new Date(weighedAt);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** "3 Nov 2026": the date shown beside "Use stored tare". */
export function formatTareDate(d: Date): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
}
