import type { Metadata } from 'next';
import { ComingSoon } from '@/components/coming-soon';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Customers’ data requests' };

export default async function Page() {
  await requirePermission('data-requests.manage');
  return (
    <ComingSoon title="Customers’ data requests">
      <p>Find, export and erase a person’s data here.</p>
    </ComingSoon>
  );
}
