'use client';
// Client-side server state (TanStack Query) for the pages that use it (the load form: see its layouts).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        retry: 2,
        // A clerk switching to the weighbridge software and back must not trigger a burst of refetches.
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** One QueryClient for the life of the page, kept in state so re-renders never replace its cache. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
