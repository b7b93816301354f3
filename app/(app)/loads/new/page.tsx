import type { Metadata } from 'next';
import { ComingSoon } from '@/components/coming-soon';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Log a load' };

export default async function Page() {
  await requirePermission('loads.create');
  return (
    <ComingSoon title="Log a load">
      <p>The receipt form for a new load arrives here.</p>
    </ComingSoon>
  );
}
