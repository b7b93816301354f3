// TanStack Query's client for the load form's server state: the code lists (reference-data/
// reference-data-query.ts) and the address-book searches (party-picker.tsx). Only those modules import
// it, and the form loads them once it is on screen (issue 13), so the library is not in the page's first
// download; hence no <QueryClientProvider> in a layout: they hand this client to TanStack themselves.
import { QueryClient } from '@tanstack/react-query';

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

let browserClient: QueryClient | undefined;

/**
 * One client for the life of the page in the browser, so every search shares its cache. A server render
 * gets a fresh one each time: nothing cached is ever shared between requests (TanStack's advice for
 * Next.js). Mounted as <QueryClientProvider> would, so paused queries resume when the network returns.
 */
export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return createQueryClient();
  if (!browserClient) {
    browserClient = createQueryClient();
    browserClient.mount();
  }
  return browserClient;
}
