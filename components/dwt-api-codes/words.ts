// Shared words for what DWT says about an apiCode: the banner, the delivery page and the site page.
import type { ApiCodeState } from '@/lib/delivery/service';

export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "Site A", "Site A and Site B", "Site A, Site B and Site C". */
export function siteList(sites: readonly { name: string }[]): string {
  const names = sites.map((s) => s.name);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The service charge in words: "31 March 2027 (in 119 days)", "not available (DWT's words)", "Not known yet". */
export function serviceChargeInWords(state: ApiCodeState): string {
  const charge = state.serviceCharge;
  if (!charge) return 'Not known yet: DWT says it with its next accepted record';
  if (!charge.expiresOn || charge.daysLeft === null) return `DWT says: ${charge.text}`;
  const days = charge.daysLeft;
  const when = days < 0 ? `ran out ${-days} day${days === -1 ? '' : 's'} ago` : days === 0 ? 'runs out today' : `in ${days} day${days === 1 ? '' : 's'}`;
  return `${formatDate(charge.expiresOn)} (${when})`;
}

export function loadsWaiting(n: number): string {
  return n === 1 ? '1 load is saved and waiting to send' : `${n} loads are saved and waiting to send`;
}
