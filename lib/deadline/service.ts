// The reporting deadline stored on each load (load.due_at), so lists and counts can sort and count by it
// in SQL. Bank holidays are computed in TypeScript (./bank-holidays.ts), so filling it runs in the app.
import 'server-only';
import { db } from '@/lib/db';
import { reportingDeadline } from './deadline';

/**
 * Sets the reporting deadline of loads saved before it was stored, or of every load at a site whose
 * nation changed (pass its id).
 */
export async function fillMissingDueDates({ siteId }: { siteId?: string } = {}): Promise<number> {
  let filled = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const loads = await db().load.findMany({
      where: { ...(siteId ? { siteId } : { dueAt: null }), id: { gt: after } },
      select: { id: true, receivedAt: true, site: { select: { nation: true } } },
      orderBy: { id: 'asc' },
      take: 1000,
    });
    if (loads.length === 0) return filled;
    await db().$transaction(loads.map((l) => db().load.update({ where: { id: l.id }, data: { dueAt: reportingDeadline(l.receivedAt, l.site.nation) } })));
    filled += loads.length;
    after = loads[loads.length - 1]!.id;
  }
}
