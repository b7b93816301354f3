import 'server-only';
// The delivery page: whether DWT answers, the queue and the reporting deadlines.

import { assertCan, type Actor } from '@/lib/auth/actor';

import { db } from '@/lib/db';

import { dwtClientFor } from '@/lib/dwt-settings/client';
import { dwtConfigInUse } from '@/lib/dwt-settings/service';

import { env } from '@/lib/env';

import type { LoadStatus } from '@/lib/generated/prisma/enums';

import { countRecordDeadlines } from '@/lib/records/service';

// ---------------------------------------------------------------------------------------------
// The delivery status page
// ---------------------------------------------------------------------------------------------

let reachability: { at: number; reachable: boolean; detail: string } | undefined;

/** Whether DWT answers now (a reference-data GET), checked at most every 30 seconds. */
async function dwtReachable(): Promise<{ reachable: boolean; detail: string }> {
  if (reachability && Date.now() - reachability.at < 30_000) return reachability;
  const client = dwtClientFor(await dwtConfigInUse(), { retry: { maxAttempts: 1 }, timeouts: { readMs: 3_000, tokenMs: 3_000 } });
  const outcome = await client.getContainerTypes();
  reachability = {
    at: Date.now(),
    reachable: outcome.kind === 'ok',
    detail:
      outcome.kind === 'ok'
        ? 'DWT answered just now.'
        : outcome.kind === 'unavailable'
          ? `Cannot reach DWT: ${outcome.reason}`
          : `DWT answered: ${outcome.kind}`,
  };
  return reachability;
}

/** Loads not yet (fully) reported at the actor's sites, against the two-working-day deadline. */
export async function countDeadlines({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  assertCan(actor, 'delivery.view');
  // The home page's counts, by SQL on the stored deadline (lib/records): the same figures, never every unsent load in memory.
  const { overdue, dueToday, dueTomorrow } = await countRecordDeadlines({ actor, now });
  return { overdue, dueToday, dueTomorrow };
}

export async function getDeliveryStatus({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  assertCan(actor, 'delivery.view');
  const sites = { siteId: { in: actor.siteIds } };
  const [queueDepth, oldest, lastSuccess, lastError, recentAttempts, byStatus, deadlines, dwt] = await Promise.all([
    db().deliveryJob.count({ where: { load: sites } }),
    db().load.findFirst({
      where: { ...sites, status: 'PENDING' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, ticketNumber: true, createdAt: true, deliveryJob: { select: { lastError: true, attempts: true, availableAt: true } } },
    }),
    db().load.findFirst({ where: { ...sites, sentAt: { not: null } }, orderBy: { sentAt: 'desc' }, select: { id: true, ticketNumber: true, sentAt: true } }),
    db().sendAttempt.findFirst({
      where: { load: sites, outcome: { notIn: ['created', 'updated'] } },
      orderBy: { at: 'desc' },
      select: { at: true, outcome: true, httpStatus: true, detail: true, load: { select: { id: true, ticketNumber: true } } },
    }),
    db().sendAttempt.count({ where: { load: sites, at: { gte: new Date(now.getTime() - 60_000) } } }),
    db().load.groupBy({ by: ['status'], where: sites, _count: { _all: true } }),
    countDeadlines({ actor, now }),
    dwtReachable(),
  ]);
  const count = (status: LoadStatus) => byStatus.find((b) => b.status === status)?._count._all ?? 0;
  return {
    queueDepth,
    oldestWaiting: oldest,
    lastSuccess,
    lastError: lastError ? { ...lastError, message: describeAttempt(lastError.outcome, lastError.detail) } : null,
    sendRatePerMinute: recentAttempts,
    counts: { waiting: count('PENDING'), needsAttention: count('NEEDS_ATTENTION'), checkNeeded: count('CHECK_NEEDED'), drafts: count('DRAFT') },
    deadlines,
    dwt,
    maxSendRate: env().DWT_MAX_SEND_RATE,
  };
}

function describeAttempt(outcome: string, detail: unknown): string {
  const d = detail as { reason?: string; message?: string; status?: number };
  return [outcome, d.reason ?? d.message ?? (d.status ? `HTTP ${d.status}` : '')].filter(Boolean).join(': ');
}
