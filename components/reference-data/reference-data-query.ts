// DWT's reference lists in the browser, fetched once as data from /api/reference-data: the 288 kB EWC
// list stays out of the forms' JavaScript, and the browser's HTTP cache (ETag) spares repeat downloads.
// The query itself (TanStack Query) is loaded by useReferenceLookups once the form is on screen.
import { QueryObserver, type QueryObserverResult } from '@tanstack/react-query';
import { getQueryClient } from '@/components/query-client';
import type { ReferenceData, ReferenceLookups } from '@/lib/reference-data/lookups';

export interface ReferenceLookupsState {
  /** Undefined until the lists have arrived (or when they could not be loaded). */
  lookups: ReferenceLookups | undefined;
  isLoading: boolean;
  error: Error | null;
}

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

// One set of lookups per fetch, kept in the query's cache and shared by every field using the hook:
// building them costs a few milliseconds, and schemas memoised per lookups object (lib/dwt/schema.ts)
// are then built once too. The code that builds them (with the EWC synonyms) is fetched alongside the
// lists rather than with the page.
async function fetchLookups(): Promise<ReferenceLookups> {
  const [data, { createLookups }] = await Promise.all([fetchReferenceData(), import('@/lib/reference-data/lookups')]);
  return createLookups(data);
}

// Retrying cannot cure a refusal (4xx); network errors and 5xx get the usual two retries.
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ReferenceDataRequestError && error.status < 500) return false;
  return failureCount < 2;
}

/** Follows the lists' query (as useQuery would): `listener` hears each change; call the result to stop. */
export function watchReferenceLookups(listener: (state: ReferenceLookupsState) => void): () => void {
  const observer = new QueryObserver<ReferenceLookups, Error>(getQueryClient(), {
    queryKey: referenceDataQueryKey,
    queryFn: fetchLookups,
    // The lists change only when DWT's do; once per page session is enough.
    staleTime: Infinity,
    gcTime: Infinity,
    retry: shouldRetry,
    // Lookups hold maps and functions: kept as built, never merged with an earlier copy.
    structuralSharing: false,
  });
  const report = (result: QueryObserverResult<ReferenceLookups, Error>) => listener({ lookups: result.data, isLoading: result.isPending, error: result.error });
  report(observer.getCurrentResult());
  return observer.subscribe(report);
}
