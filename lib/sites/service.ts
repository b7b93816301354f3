import 'server-only';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { diffFields, recordAudit } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db';
import { fillMissingDueDates } from '@/lib/deadline/service';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { createSiteSchema, updateSiteSchema, type CreateSiteInput, type SiteValues, type UpdateSiteInput } from './schema';

/** Sites the actor may see: all of them for site administrators, otherwise their own. */
export async function listSites({ actor }: { actor: Actor }) {
  return db().site.findMany({
    where: can(actor.roles, 'sites.manage') ? {} : { id: { in: actor.siteIds } },
    orderBy: { name: 'asc' },
  });
}

/** Every site with how many people work there, for the administration list. */
export async function listSitesForAdmin({ actor }: { actor: Actor }) {
  assertCan(actor, 'sites.manage');
  return db().site.findMany({ orderBy: { name: 'asc' }, include: { _count: { select: { users: true, loads: true } } } });
}

export async function getSite({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, 'sites.manage');
  const site = /^[0-9a-f-]{36}$/i.test(id) ? await db().site.findUnique({ where: { id }, include: { users: { select: { userId: true } } } }) : null;
  if (!site) throw new NotFoundError('There is no such site.');
  const { users, ...rest } = site;
  return { ...rest, userIds: users.map((u) => u.userId).sort() };
}

const AUDITED = [
  'name',
  'authorisationNumber',
  'fullAddress',
  'postcode',
  'nation',
  'weighbridgeUnit',
  'ticketLayout',
  'onSiteLimitMinutes',
  'tareExpiryMonths',
  'contactName',
  'contactEmail',
  'contactPhone',
  'regulatoryPositionStatements',
  'apiCode',
  'userIds',
] as const;

function columns(data: SiteValues) {
  const { userIds: _userIds, onSiteLimitMinutes, tareExpiryMonths, ...rest } = data;
  return { ...rest, onSiteLimitMinutes: Number(onSiteLimitMinutes), tareExpiryMonths: tareExpiryMonths === 'never' ? null : Number(tareExpiryMonths) };
}

async function setSiteUsers(tx: Tx, siteId: string, userIds: string[]) {
  await tx.userSite.deleteMany({ where: { siteId, userId: { notIn: userIds } } });
  await tx.userSite.createMany({ data: userIds.map((userId) => ({ siteId, userId })), skipDuplicates: true });
}

function knownErrors(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
    throw new ValidationError({ userIds: ['Choose people who exist'] });
  }
  throw error;
}

export async function createSite({ actor, input }: { actor: Actor; input: CreateSiteInput }) {
  assertCan(actor, 'sites.manage');
  const data = createSiteSchema.parse(input);
  const userIds = [...new Set(data.userIds ?? [])].sort();
  try {
    return await db().$transaction(async (tx) => {
      const site = await tx.site.create({ data: columns(data) });
      if (userIds.length > 0) await setSiteUsers(tx, site.id, userIds);
      const after = { ...columns(data), userIds };
      await recordAudit(tx, {
        actorId: auditActorId(actor),
        action: 'site.create',
        entityType: 'site',
        entityId: site.id,
        siteId: site.id,
        changes: Object.fromEntries(Object.entries(after).map(([k, v]) => [k, { to: v }])),
      });
      return site;
    });
  } catch (error) {
    knownErrors(error);
  }
}

/**
 * Changes a site's details and, when given, who works there. A change of nation moves its loads'
 * reporting deadlines (bank holidays differ by nation), recomputed once the change has committed.
 */
export async function updateSite({ actor, input }: { actor: Actor; input: UpdateSiteInput }) {
  assertCan(actor, 'sites.manage');
  const { id, ...data } = updateSiteSchema.parse(input);
  let result: { id: string; changed: boolean; nationChanged: boolean };
  try {
    result = await db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM site WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
      if (rows.length === 0) throw new NotFoundError('There is no such site.');
      const current = await tx.site.findUniqueOrThrow({ where: { id }, include: { users: { select: { userId: true } } } });
      const before = { ...current, userIds: current.users.map((u) => u.userId).sort() };
      const after = { ...columns(data), ...(data.userIds ? { userIds: [...new Set(data.userIds)].sort() } : {}) };
      const changes = diffFields(before as unknown as Record<string, unknown>, after as Record<string, unknown>, AUDITED);
      if (Object.keys(changes).length === 0) return { id, changed: false, nationChanged: false };
      await tx.site.update({ where: { id }, data: columns(data) });
      if (changes.userIds && after.userIds) await setSiteUsers(tx, id, after.userIds);
      await recordAudit(tx, { actorId: auditActorId(actor), action: 'site.update', entityType: 'site', entityId: id, siteId: id, changes });
      return { id, changed: true, nationChanged: 'nation' in changes };
    });
  } catch (error) {
    knownErrors(error);
  }
  if (result.nationChanged) {
    await fillMissingDueDates({ siteId: id });
  }
  return result;
}

export async function findSiteByName(name: string) {
  return db().site.findFirst({ where: { name } });
}
