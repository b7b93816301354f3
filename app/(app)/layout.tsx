import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { requireActor } from '@/lib/auth/session';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
