// The site's weight history against a real PostgreSQL: read afresh while the site has fewer loads than
// the window, kept for a few minutes once the window is full.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { createSite } from '@/lib/sites/service';
import { forgetSiteWeightHistories, siteWeightHistory } from './site-history';

const loadOf = (siteId: string, tonnes: number, i: number, receivedAt: Date) => ({
  id: randomUUID(),
  siteId,
  ticketNumber: `H${i}`,
  receivedAt,
  status: 'SENT' as const,
  movement: { wasteItems: [{ ewcCodes: ['170504'], weight: { metric: 'Tonnes', amount: tonnes, isEstimate: false } }] },
  ewcCodes: ['170504'],
});

describe('siteWeightHistory', () => {
  it('reads a short history afresh, and keeps a full window for a few minutes', async () => {
    forgetSiteWeightHistories();
    const site = (await createSite({ actor: systemActor(), input: { name: `History ${randomUUID().slice(0, 6)}` } })).id;
    const t0 = Date.now();
    await db().load.create({ data: loadOf(site, 10, 0, new Date(t0 - 3_600_000)) });
    expect((await siteWeightHistory(site, t0)).all?.maxKg).toBe(10_000);
    // One more load: a short history learns it at once.
    await db().load.create({ data: loadOf(site, 12, 1, new Date(t0 - 3_000_000)) });
    expect((await siteWeightHistory(site, t0)).all?.maxKg).toBe(12_000);

    await db().load.createMany({ data: Array.from({ length: 2_000 }, (_, i) => loadOf(site, 8, i + 2, new Date(t0 - 1_000_000 + i))) });
    const full = await siteWeightHistory(site, t0);
    expect(full.all).toMatchObject({ count: 2_000, maxKg: 8_000 });
    // A full window is reused within the few minutes, then read again.
    await db().load.create({ data: loadOf(site, 30, 9_999, new Date(t0)) });
    expect((await siteWeightHistory(site, t0 + 60_000)).all?.maxKg).toBe(8_000);
    expect((await siteWeightHistory(site, t0 + 6 * 60_000)).all?.maxKg).toBe(30_000);
  });
});
