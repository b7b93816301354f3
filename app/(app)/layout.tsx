import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { QueryProvider } from '@/components/providers';
import { requireActor } from '@/lib/auth/session';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <AppShell actor={actor}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
