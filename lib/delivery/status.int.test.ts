// The figures of the delivery page and the manager's home: deadline counts and who may see them.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ForbiddenError } from '@/lib/errors';
import { fillMissingDueDates } from '@/lib/deadline/service';
import { createSite } from '@/lib/sites/service';
import { countDeadlines } from './service';

let manager: Actor;
let siteId: string;

async function load(receivedAt: string, status: 'PENDING' | 'SENT' | 'NEEDS_ATTENTION' = 'PENDING') {
  await db().load.create({
    data: { id: randomUUID(), siteId, ticketNumber: randomUUID().slice(0, 8), receivedAt: new Date(receivedAt), status, movement: {}, ewcCodes: [] },
  });
}

beforeAll(async () => {
  siteId = (await createSite({ actor: systemActor(), input: { name: `Deadlines ${randomUUID().slice(0, 6)}`, nation: 'SCOTLAND' } })).id;
  manager = { id: randomUUID(), email: 'm@x.y', name: 'M', roles: ['MANAGER'], siteIds: [siteId] };
  await load('2026-11-16T09:00:00Z'); // Mon 16 → due end of Wed 18: overdue on Fri 20
  await load('2026-11-18T09:00:00Z', 'NEEDS_ATTENTION'); // Wed 18 → due end of Fri 20: due today
  await load('2026-11-19T09:00:00Z'); // Thu 19 → due end of Mon 23: later
  await load('2026-11-16T10:00:00Z', 'SENT'); // reported: not counted
  await load('2026-11-26T09:00:00Z'); // Thu 26 → Fri 27, then Mon 30 is St Andrew's Day (Scotland) → end of Tue 1 Dec
  // Inserted without a stored deadline, as loads saved before it existed: the app fills them in at start.
  await fillMissingDueDates({ siteId });
});

describe('deadline counts', () => {
  it('counts unreported loads by the site’s working days', async () => {
    expect(await countDeadlines({ actor: manager, now: new Date('2026-11-20T12:00:00Z') })).toEqual({ overdue: 1, dueToday: 1, dueTomorrow: 0 });
    // Monday 30 Nov is a holiday in Scotland: the Thursday 26 load is due at the end of Tuesday 1 Dec.
    expect(await countDeadlines({ actor: manager, now: new Date('2026-11-30T12:00:00Z') })).toEqual({ overdue: 3, dueToday: 0, dueTomorrow: 1 });
  });

  it('is refused to clerks', async () => {
    await expect(countDeadlines({ actor: { ...manager, roles: ['CLERK'] } })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
