import type { LoadStatus } from '@/lib/generated/prisma/enums';

export const STATUS_LABELS: Record<LoadStatus, string> = {
  DRAFT: 'Draft',
  PENDING: 'Waiting to send',
  SENT: 'Sent',
  NEEDS_ATTENTION: 'Needs attention',
  CHECK_NEEDED: 'Check needed',
  ON_SITE: 'On site',
};

const STYLES: Record<LoadStatus, string> = {
  DRAFT: 'border-slate-600 text-slate-800',
  PENDING: 'border-amber-700 text-amber-900',
  SENT: 'border-brand-700 text-brand-900',
  NEEDS_ATTENTION: 'border-danger-700 text-danger-700',
  CHECK_NEEDED: 'border-danger-700 text-danger-700',
  ON_SITE: 'border-slate-600 text-slate-800',
};

/** A status in words (never colour alone); "Sent with warnings" when DWT warned. */
export function LoadStatusBadge({ status, warnings = 0 }: { status: LoadStatus; warnings?: number }) {
  return (
    <span className={`inline-block border-2 bg-white px-2 py-0.5 text-sm font-semibold ${STYLES[status]}`}>
      {status === 'SENT' && warnings > 0 ? 'Sent with warnings' : STATUS_LABELS[status]}
    </span>
  );
}
