import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { DwtApiCodeBanner } from '@/components/dwt-api-codes/banner';
import { can } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { getApiCodeNotices } from '@/lib/delivery/service';

// TanStack Query's provider is in the layouts of the pages that use it (the load form's), not here.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  // Managers and admins see on every page when DWT refuses an apiCode their sites send with.
  const apiCodes = await getApiCodeNotices({ actor });
  return (
    <AppShell actor={actor} notices={<DwtApiCodeBanner states={apiCodes} isAdmin={can(actor.roles, 'dwt.manage')} />}>
      {children}
    </AppShell>
  );
}
