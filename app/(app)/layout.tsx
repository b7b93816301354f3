import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { requireActor } from '@/lib/auth/session';

// TanStack Query's provider is in the layouts of the pages that use it (the load form's), not here.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
