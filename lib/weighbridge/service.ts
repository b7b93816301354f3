// Weighbridges of each site: settings (admins), the reader configuration (clerks' pages, the hub), and
// the site agent's token (shown once, stored only as a hash).
import 'server-only';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { diffFields, recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import type { Prisma, Weighbridge } from '@/lib/generated/prisma/client';
import { FORMAT_IDS, type FormatId } from './formats';
import { templateConfigSchema } from './parsers/template';
import { WEIGHT_UNITS, type WeightUnit } from './reading';
import { CONNECTIONS, DEFAULT_SERIAL, serialSettingsSchema, weighbridgeSchema, type Connection, type ReaderConfig, type WeighbridgeInput } from './schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toReaderConfig(w: Weighbridge): ReaderConfig {
  const template = templateConfigSchema.safeParse(w.template);
  const serial = serialSettingsSchema.safeParse(w.serial);
  return {
    id: w.id,
    siteId: w.siteId,
    name: w.name,
    connection: (CONNECTIONS as readonly string[]).includes(w.connection) ? (w.connection as Connection) : 'none',
    host: w.host,
    port: w.port,
    format: (FORMAT_IDS as readonly string[]).includes(w.format) ? (w.format as FormatId) : 'toledo',
    template: template.success ? template.data : null,
    unit: (WEIGHT_UNITS as readonly string[]).includes(w.unit) ? (w.unit as WeightUnit) : 'kg',
    divisionKg: w.divisionKg,
    serial: serial.success ? serial.data : DEFAULT_SERIAL,
  };
}

function canSeeSite(actor: Actor, siteId: string): boolean {
  return can(actor.roles, 'weighbridges.manage') || actor.siteIds.includes(siteId);
}

/** The weighbridges of a site, for its clerks' pages. */
export async function listSiteWeighbridges({ actor, siteId }: { actor: Actor; siteId: string }): Promise<ReaderConfig[]> {
  if (!can(actor.roles, 'weighings.create') && !can(actor.roles, 'weighbridges.manage')) throw new ForbiddenError();
  if (!canSeeSite(actor, siteId)) throw new ForbiddenError('You do not work at that site.');
  const rows = await db().weighbridge.findMany({ where: { siteId }, orderBy: { name: 'asc' } });
  return rows.map(toReaderConfig);
}

/** One weighbridge's reader settings, for someone weighing at its site. */
export async function getReaderConfig({ actor, id }: { actor: Actor; id: string }): Promise<ReaderConfig> {
  assertCan(actor, 'weighings.create');
  const w = UUID.test(id) ? await db().weighbridge.findUnique({ where: { id } }) : null;
  if (!w) throw new NotFoundError('There is no such weighbridge.');
  assertSite(actor, w.siteId);
  return toReaderConfig(w);
}

/** The full record (camera address, whether an agent token is set) for the admin page. */
export async function getWeighbridgeForAdmin({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, 'weighbridges.manage');
  const w = UUID.test(id) ? await db().weighbridge.findUnique({ where: { id } }) : null;
  if (!w) throw new NotFoundError('There is no such weighbridge.');
  const { agentTokenHash, ...rest } = w;
  return { ...rest, hasAgentToken: agentTokenHash !== null };
}

export async function listWeighbridgesForAdmin({ actor, siteId }: { actor: Actor; siteId: string }) {
  assertCan(actor, 'weighbridges.manage');
  const rows = await db().weighbridge.findMany({ where: { siteId }, orderBy: { name: 'asc' } });
  return rows.map(({ agentTokenHash, ...rest }) => ({ ...rest, hasAgentToken: agentTokenHash !== null }));
}

const AUDITED = ['name', 'connection', 'host', 'port', 'format', 'template', 'unit', 'divisionKg', 'serial', 'cameraUrl'] as const;

function columns(input: WeighbridgeInput) {
  const parsed = weighbridgeSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || 'form'] ??= []).push(issue.message);
    throw new ValidationError(fieldErrors);
  }
  const v = parsed.data;
  return {
    name: v.name,
    connection: v.connection,
    host: v.connection === 'tcp' ? v.host : null,
    port: v.connection === 'tcp' ? Number(v.port) : null,
    format: v.format,
    template: v.format === 'template' && v.template ? (v.template as Prisma.InputJsonValue) : undefined,
    unit: v.unit,
    divisionKg: v.divisionKg === '' ? null : Number(v.divisionKg),
    serial: v.serial as Prisma.InputJsonValue,
    cameraUrl: v.cameraUrl === '' ? null : v.cameraUrl,
  };
}

/** Create (no id) or change a site's weighbridge, with its audit entry. */
export async function saveWeighbridge({ actor, input }: { actor: Actor; input: { id?: string; siteId: string; values: WeighbridgeInput } }) {
  assertCan(actor, 'weighbridges.manage');
  const data = columns(input.values);
  return db().$transaction(async (tx) => {
    const site = UUID.test(input.siteId) ? await tx.site.findUnique({ where: { id: input.siteId } }) : null;
    if (!site) throw new NotFoundError('There is no such site.');
    const clash = await tx.weighbridge.findFirst({ where: { siteId: site.id, name: data.name, ...(input.id ? { id: { not: input.id } } : {}) } });
    if (clash) throw new ValidationError({ name: ['This site already has a weighbridge with that name'] });
    if (!input.id) {
      const created = await tx.weighbridge.create({ data: { id: randomUUID(), siteId: site.id, ...data, template: data.template ?? undefined } });
      await recordAudit(tx, {
        actorId: auditActorId(actor),
        action: 'weighbridge.create',
        entityType: 'weighbridge',
        entityId: created.id,
        siteId: site.id,
        changes: Object.fromEntries(AUDITED.map((f) => [f, { to: created[f] }])),
      });
      return created;
    }
    const before = UUID.test(input.id) ? await tx.weighbridge.findFirst({ where: { id: input.id, siteId: site.id } }) : null;
    if (!before) throw new NotFoundError('There is no such weighbridge.');
    const after = await tx.weighbridge.update({ where: { id: before.id }, data: { ...data, template: data.template ?? undefined } });
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'weighbridge.update',
      entityType: 'weighbridge',
      entityId: after.id,
      siteId: site.id,
      changes: diffFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, AUDITED),
    });
    return after;
  });
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new agent token for a weighbridge: returned once, stored as a hash; the old one stops working. */
export async function issueAgentToken({ actor, id }: { actor: Actor; id: string }): Promise<string> {
  assertCan(actor, 'weighbridges.manage');
  const token = `wbt_${randomBytes(24).toString('base64url')}`;
  await db().$transaction(async (tx) => {
    const w = UUID.test(id) ? await tx.weighbridge.findUnique({ where: { id } }) : null;
    if (!w) throw new NotFoundError('There is no such weighbridge.');
    await tx.weighbridge.update({ where: { id }, data: { agentTokenHash: hashToken(token) } });
    await recordAudit(tx, { actorId: auditActorId(actor), action: 'weighbridge.agent-token', entityType: 'weighbridge', entityId: id, siteId: w.siteId });
  });
  return token;
}

/** The reader settings of an agent's weighbridge when its token is right, else null (no hint which part was wrong). */
export async function readerConfigForAgent({ id, token }: { id: string; token: string }): Promise<ReaderConfig | null> {
  if (!UUID.test(id) || token.length < 8 || token.length > 200) return null;
  const w = await db().weighbridge.findUnique({ where: { id } });
  if (!w?.agentTokenHash || w.connection !== 'agent') return null;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(w.agentTokenHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? toReaderConfig(w) : null;
}

/** The demo site's weighbridge, wired to the simulator `npm start` runs (system use only). */
export async function ensureDemoWeighbridge({ siteId, port, cameraUrl = null }: { siteId: string; port: number; cameraUrl?: string | null }): Promise<void> {
  const existing = await db().weighbridge.findFirst({ where: { siteId, name: 'Weighbridge 1' } });
  if (existing) {
    // Still the simulators' (an admin has not pointed it elsewhere): follow their ports.
    const data: Prisma.WeighbridgeUpdateInput = {};
    if (existing.connection === 'tcp' && existing.host === '127.0.0.1' && existing.port !== port) data.port = port;
    if (cameraUrl && (existing.cameraUrl === null || existing.cameraUrl.startsWith('http://127.0.0.1:')) && existing.cameraUrl !== cameraUrl)
      data.cameraUrl = cameraUrl;
    if (Object.keys(data).length > 0) await db().weighbridge.update({ where: { id: existing.id }, data });
    return;
  }
  await db().weighbridge.create({
    data: {
      id: randomUUID(),
      siteId,
      name: 'Weighbridge 1',
      connection: 'tcp',
      host: '127.0.0.1',
      port,
      format: 'toledo',
      unit: 'kg',
      divisionKg: 20,
      cameraUrl,
    },
  });
}
