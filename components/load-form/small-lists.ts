// The small reference lists, bundled for an instant first paint of the form's pick lists; the synced
// copies from /api/reference-data replace them once they arrive. (The EWC list is never bundled; the POP
// and hazardous lists come with their sections, item-details.tsx.)
import containerTypes from '@/lib/reference-data/bundled/container-types.json';
import disposalOrRecoveryCodes from '@/lib/reference-data/bundled/disposal-or-recovery-codes.json';
import type { ReferenceLookups } from '@/lib/reference-data/catalogue';

export function smallLists(lookups: ReferenceLookups | undefined) {
  const data = lookups?.data;
  return {
    containerTypes: (data?.containerTypes ?? containerTypes).map((c) => ({ value: c.code, label: `${c.description} (${c.code})` })),
    disposalOrRecoveryCodes: (data?.disposalOrRecoveryCodes ?? disposalOrRecoveryCodes).map((c) => ({ value: c.code, label: `${c.code} – ${c.description}` })),
  };
}
