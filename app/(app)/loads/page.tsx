import type { Metadata } from 'next';
import { ComingSoon } from '@/components/coming-soon';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Loads' };

export default async function Page() {
  await requirePermission('loads.view');
  return (
    <ComingSoon title="Loads">
      <p>The list of loads, with filters, corrections and exports, arrives here.</p>
    </ComingSoon>
  );
}
