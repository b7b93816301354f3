import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/providers';

// TanStack Query is used by the load form alone (reference data, address book): its provider, and
// the library with it, is shipped with the form's pages only, not with every signed-in page.
export default function LoadFormLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
