'use client';
// DWT's reference lists for a form (reference-data-query.ts fetches them with TanStack Query). The query
// and the library come in a chunk of their own, requested as the form mounts, not with the page (issue 13):
// until the lists arrive the form works without them, as it does while they download.
import { useEffect, useState } from 'react';
import type { ReferenceLookupsState } from './reference-data-query';

export type { ReferenceLookupsState };

const LOADING: ReferenceLookupsState = { lookups: undefined, isLoading: true, error: null };

export function useReferenceLookups(): ReferenceLookupsState {
  const [state, setState] = useState(LOADING);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let stopped = false;
    import('./reference-data-query').then(
      ({ watchReferenceLookups }) => {
        if (!stopped) stop = watchReferenceLookups(setState);
      },
      // The chunk itself could not be fetched: the same as lists that could not be loaded.
      (error: unknown) => {
        if (!stopped) setState({ lookups: undefined, isLoading: false, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }, []);
  return state;
}
