import type { Metadata } from 'next';
import { ComingSoon } from '@/components/coming-soon';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Delivery to DWT' };

export default async function Page() {
  await requirePermission('delivery.view');
  return (
    <ComingSoon title="Delivery to DWT">
      <p>Queue depth, the oldest waiting load and DWT’s reachability will show here.</p>
    </ComingSoon>
  );
}
