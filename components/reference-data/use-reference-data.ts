'use client';
// DWT's reference lists in the browser, fetched once as data from /api/reference-data: the 288 kB EWC
// list stays out of the forms' JavaScript, and the browser's HTTP cache (ETag) spares repeat downloads.
import { useQuery } from '@tanstack/react-query';
import { createLookups, type ReferenceData, type ReferenceLookups } from '@/lib/reference-data/lookups';

export const referenceDataQueryKey = ['reference-data'] as const;

/** The server refused or failed; `status` tells which (401 signed out, 403 not allowed, 5xx). */
export class ReferenceDataRequestError extends Error {
  constructor(readonly status: number) {
    super(`Reference data could not be loaded (HTTP ${status}).`);
    this.name = 'ReferenceDataRequestError';
  }
}

async function fetchReferenceData(): Promise<ReferenceData> {
  const response = await fetch('/api/reference-data', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ReferenceDataRequestError(response.status);
  return (await response.json()) as ReferenceData;
}

// One set of lookups per fetched data, shared by every field using the hook: building them costs a few
// milliseconds, and schemas memoised per lookups object (lib/dwt/schema.ts) are then built once too.
const lookupsByData = new WeakMap<ReferenceData, ReferenceLookups>();

function lookupsFor(data: ReferenceData): ReferenceLookups {
  let lookups = lookupsByData.get(data);
  if (!lookups) {
    lookups = createLookups(data);
    lookupsByData.set(data, lookups);
  }
  return lookups;
}

// Retrying cannot cure a refusal (4xx); network errors and 5xx get the usual two retries.
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ReferenceDataRequestError && error.status < 500) return false;
  return failureCount < 2;
}

export interface ReferenceLookupsState {
  /** Undefined until the lists have arrived (or when they could not be loaded). */
  lookups: ReferenceLookups | undefined;
  isLoading: boolean;
  error: Error | null;
}

export function useReferenceLookups(): ReferenceLookupsState {
  const query = useQuery({
    queryKey: referenceDataQueryKey,
    queryFn: fetchReferenceData,
    select: lookupsFor,
    // The lists change only when DWT's do; once per page session is enough.
    staleTime: Infinity,
    gcTime: Infinity,
    retry: shouldRetry,
  });
  return { lookups: query.data, isLoading: query.isPending, error: query.error };
}
