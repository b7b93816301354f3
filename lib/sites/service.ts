import 'server-only';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { createSiteSchema, type CreateSiteInput } from './schema';

/** Sites the actor may see: all of them for site administrators, otherwise their own. */
export async function listSites({ actor }: { actor: Actor }) {
  return db().site.findMany({
    where: can(actor.roles, 'sites.manage') ? {} : { id: { in: actor.siteIds } },
    orderBy: { name: 'asc' },
  });
}

export async function createSite({ actor, input }: { actor: Actor; input: CreateSiteInput }) {
  assertCan(actor, 'sites.manage');
  const data = createSiteSchema.parse(input);
  return db().$transaction(async (tx) => {
    const site = await tx.site.create({ data });
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'site.create',
      entityType: 'site',
      entityId: site.id,
      siteId: site.id,
      changes: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { to: v }])),
    });
    return site;
  });
}

export async function findSiteByName(name: string) {
  return db().site.findFirst({ where: { name } });
}
