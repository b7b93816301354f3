import type { Metadata } from 'next';
import { ComingSoon } from '@/components/coming-soon';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'DWT connection' };

export default async function Page() {
  await requirePermission('dwt.manage');
  return (
    <ComingSoon title="DWT connection">
      <p>DWT connection settings and credentials are managed here.</p>
    </ComingSoon>
  );
}
