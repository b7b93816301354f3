import type { Metadata } from 'next';
import { ComingSoon } from '@/components/coming-soon';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sites' };

export default async function Page() {
  await requirePermission('sites.manage');
  return (
    <ComingSoon title="Sites">
      <p>Sites, their receiver details and DWT apiCodes are managed here.</p>
    </ComingSoon>
  );
}
