// Two-pass weighing at the gatehouse: weigh in (the load is saved ON_SITE: the master copy, never
// queued), weigh out (net = first − second; the load is then queued for DWT when its details are
// complete, else kept as a draft to finish), or one pass with the vehicle's stored tare. Each weight
// records its source: the indicator (the server's own latest steady reading, with its raw frame),
// typed by hand (with a reason where the site has an indicator), or the stored tare (with its date).
// Why an on-site load is stored but never queued: docs/decisions/on-site-loads-never-queued.md.
import 'server-only';
import { findCarrierByVehicle } from '@/lib/address-book/service';
import { storeTare, validTare } from '@/lib/address-book/tares';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db';
import { enqueueDelivery } from '@/lib/delivery/queue';
import { reportingDeadline } from '@/lib/deadline';
import type { WeightMetric } from '@/lib/dwt/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import type { Prisma, Site, Weighbridge } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { getReferenceLookups } from '@/lib/reference-data/service';
import { receivingSiteOf } from '@/lib/sites/receiving-site';
import { instantToUkLocal } from '@/lib/time/uk-time';
import { latestReading } from '@/lib/weighbridge/hub';
import { toReaderConfig } from '@/lib/weighbridge/service';
import { checkTakenReading } from '@/lib/weighbridge/taken-reading';
import { loadFormSchema, storedLoadForm } from './form-schema';
import { checkLoadForm, emptyLoadForm, toMovement, type LoadFormValues } from './schema';
import { allocateTicket, denormalised } from './service';
import { siteWeightHistory } from './site-history';
import {
  MANUAL_REASON_REQUIRED,
  netProblem,
  readWeighings,
  weighInSchema,
  weighOutSchema,
  weighingsNet,
  withWeighings,
  type WeighInInput,
  type WeighOutInput,
  type Weighing,
} from './weighing-schema';
import { convertWeight, formatWeight, parseWeight } from './weights';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SiteWithBridges = Site & { weighbridges: Weighbridge[] };

function siteUnit(site: Site): WeightMetric {
  return site.weighbridgeUnit === 'Kilograms' ? 'Kilograms' : 'Tonnes';
}

/** Whether the site reads a weighbridge indicator (typed weights then need a reason). */
export function hasIndicator(site: { weighbridges: { connection: string }[] }): boolean {
  return site.weighbridges.some((w) => w.connection !== 'none');
}

type Resolved = Omit<Weighing, 'pass' | 'at' | 'byId'>;

/** The weight a form asked for, resolved on the server; a refusal names the field. */
async function resolveWeight(
  input: ReturnType<typeof weighInSchema.parse>['weight'],
  site: SiteWithBridges,
  what: 'first' | 'second',
  vehicleRegistration: string,
  now: Date,
): Promise<Resolved> {
  const unit = siteUnit(site);
  const label = what === 'first' ? 'First weight' : 'Second weight';
  if (input.source === 'indicator') {
    const bridge = site.weighbridges.find((w) => w.id === input.weighbridgeId && w.connection !== 'none');
    if (!bridge) throw new ValidationError({ weight: ['Choose a weighbridge of this site'] });
    const live = latestReading(toReaderConfig(bridge));
    if (!live || !live.takeable || live.kg === null) {
      throw new ValidationError({ weight: [`${label}: the indicator has no steady weight to take. Wait until it is steady, or type the weight and say why`] });
    }
    if (live.kg <= 0) throw new ValidationError({ weight: [`${label}: the indicator shows nothing on the weighbridge`] });
    return { amount: convertWeight(live.kg, 'Kilograms', unit), unit, source: 'indicator', rawFrame: live.raw.slice(0, 500), weighbridgeId: bridge.id };
  }
  if (input.source === 'serial') {
    // The browser read it (Web Serial); the frame it came with must show this weight, at rest, in range.
    const bridge = site.weighbridges.find((w) => w.id === input.weighbridgeId && w.connection !== 'none');
    if (!bridge) throw new ValidationError({ weight: ['Choose a weighbridge of this site'] });
    const check = checkTakenReading(toReaderConfig(bridge), { raw: input.raw, kg: input.kg });
    if (!check.ok) throw new ValidationError({ weight: [`${label}: ${check.problem}`] });
    if (check.kg <= 0) throw new ValidationError({ weight: [`${label}: the indicator shows nothing on the weighbridge`] });
    return { amount: convertWeight(check.kg, 'Kilograms', unit), unit, source: 'indicator', rawFrame: input.raw, weighbridgeId: bridge.id };
  }
  if (input.source === 'manual') {
    const amount = parseWeight(input.amount, unit);
    if (amount === undefined) throw new ValidationError({ 'weight.amount': [`Enter the ${what} weight`] });
    if (Number.isNaN(amount)) throw new ValidationError({ 'weight.amount': [`${label} must be a number, like 14,320`] });
    if (amount <= 0) throw new ValidationError({ 'weight.amount': [`${label} must be more than zero`] });
    if (hasIndicator(site) && input.reason === '') throw new ValidationError({ 'weight.reason': [MANUAL_REASON_REQUIRED] });
    return { amount, unit, source: 'manual', reason: input.reason || null };
  }
  if (what === 'first') throw new ValidationError({ weight: ['The first weight is the loaded vehicle: take it from the indicator or type it'] });
  const tare = await validTare(db(), site.id, vehicleRegistration, now);
  if (!tare) throw new ValidationError({ weight: [`${vehicleRegistration} has no valid stored tare: weigh it out empty`] });
  return { amount: convertWeight(tare.amount, tare.unit, unit), unit, source: 'stored-tare', tareWeighedAt: tare.weighedAt.toISOString() };
}

/** "14,320 kg (indicator)" / "(typed by hand: indicator down)" for the audit. */
function describeWeight(w: Resolved): string {
  const how =
    w.source === 'manual'
      ? `typed by hand${w.reason ? `: ${w.reason}` : ''}`
      : w.source === 'stored-tare'
        ? `stored tare weighed ${w.tareWeighedAt}`
        : 'indicator';
  return `${formatWeight(w.amount, w.unit)} (${how})`;
}

function weighingAudit(w: Resolved & { pass: string }): Record<string, unknown> {
  return {
    [`${w.pass}Weight`]: { to: describeWeight(w) },
    [`${w.pass}WeightSource`]: { to: w.source },
    ...(w.rawFrame ? { [`${w.pass}WeightFrame`]: { to: w.rawFrame } } : {}),
    ...(w.source === 'manual' ? { [`${w.pass}WeightReason`]: { to: w.reason ?? null } } : {}),
  };
}

export interface WeighingResult {
  id: string;
  ticketNumber: string;
  status: LoadStatus;
  version: number;
  net: { amount: number; unit: WeightMetric } | null;
  /** The weighbridge the vehicle stood on (its camera's snapshot goes with the load), and which weighing it was. */
  photo: { weighbridgeId: string; pass: 'in' | 'out' | 'single' } | null;
}

/** The weighbridge of a weighing: the indicator's, else the site's first with a camera. */
function bridgeOf(site: SiteWithBridges, w: Resolved): string | null {
  return w.weighbridgeId ?? site.weighbridges.find((b) => b.cameraUrl)?.id ?? null;
}

/** The status a weighed (complete) load takes: queued for DWT when its details pass DWT's checks, else a draft to finish. */
async function completedStatus(form: LoadFormValues, site: Site, now: Date): Promise<LoadStatus> {
  const check = checkLoadForm(form, { lookups: await getReferenceLookups(), site: receivingSiteOf(site), now, history: await siteWeightHistory(site.id) });
  return check.ok ? 'PENDING' : 'DRAFT';
}

async function siteFor(actor: Actor, siteId: string): Promise<SiteWithBridges> {
  assertSite(actor, siteId);
  const site = await db().site.findUnique({ where: { id: siteId }, include: { weighbridges: true } });
  if (!site) throw new NotFoundError('That site no longer exists.');
  return site;
}

/**
 * Weigh a vehicle in: the load is saved with its first weighing (master copy first) and is on site,
 * never queued. With `useStoredTare` it is weighed in one pass: the stored tare is its second weighing.
 * The id comes from the form, so a repeated submit returns the load it already saved.
 */
export async function weighIn({ actor, input, now = new Date() }: { actor: Actor; input: WeighInInput; now?: Date }): Promise<WeighingResult> {
  assertCan(actor, 'weighings.create');
  const data = weighInSchema.parse(input);
  const site = await siteFor(actor, data.siteId);
  const already = await db().load.findUnique({ where: { id: data.id } });
  if (already) {
    if (already.siteId !== site.id) throw new ForbiddenError('That load belongs to another site.');
    return { id: already.id, ticketNumber: already.ticketNumber, status: already.status, version: already.version, net: null, photo: null };
  }
  const reg = data.vehicleRegistration.toUpperCase().replace(/\s+/g, ' ');
  // Compared without spaces: "AB12CDE" is the vehicle weighed in as "AB12 CDE".
  const [onSite] = await db().$queryRaw<{ ticketNumber: string }[]>`
    SELECT ticket_number AS "ticketNumber" FROM load
    WHERE site_id = ${site.id}::uuid AND status = 'ON_SITE' AND replace(vehicle_registration, ' ', '') = ${reg.replace(/ /g, '')} LIMIT 1`;
  if (onSite) {
    throw new ValidationError({
      vehicleRegistration: [`${reg} is already on site (ticket ${onSite.ticketNumber}): weigh it out before weighing it in again`],
    });
  }
  const first = await resolveWeight(data.weight, site, 'first', reg, now);
  const second = data.useStoredTare ? await resolveWeight({ source: 'stored-tare' }, site, 'second', reg, now) : null;
  if (second) {
    const problem = netProblem(first.amount, second.amount, first.unit);
    if (problem) throw new ValidationError({ weight: [problem.replace('Second weight', 'Stored tare')] });
  }
  const weighings: Weighing[] = [{ pass: 'first', at: now.toISOString(), byId: auditActorId(actor), ...first }];
  if (second) weighings.push({ pass: 'second', at: now.toISOString(), byId: auditActorId(actor), ...second });

  // A known vehicle fills its carrier (the address book's entry, as the load form would).
  const known = await findCarrierByVehicle({ actor, input: { siteId: site.id, vehicleRegistration: reg } }).catch(() => null);
  const base = emptyLoadForm({ dateTimeReceived: instantToUkLocal(now), yourUniqueReference: '', unit: siteUnit(site) });
  const carrier: LoadFormValues['carrier'] = known
    ? {
        ...base.carrier,
        addressBookId: known.id,
        organisationName: known.organisationName,
        registrationNumber: known.registrationNumber ?? '',
        reasonForNoRegistrationNumber: known.registrationNumber ? '' : (known.reasonForNoRegistrationNumber ?? ''),
        address: { fullAddress: known.fullAddress ?? '', postcode: known.postcode ?? '' },
        emailAddress: known.emailAddress ?? '',
        phoneNumber: known.phoneNumber ?? '',
        meansOfTransport: known.meansOfTransport ?? 'Road',
        vehicleRegistration: reg,
      }
    : { ...base.carrier, organisationName: data.carrierName, addressBookId: data.carrierAddressBookId, vehicleRegistration: reg };
  const lookups = await getReferenceLookups();
  const weighedInLocal = instantToUkLocal(now);
  const form = withWeighings(loadFormSchema.parse({ ...base, carrier, ticketNumberIsSuggested: false }), weighings, weighedInLocal);
  const status: LoadStatus = second ? await completedStatus(form, site, now) : 'ON_SITE';

  const ticketNumber = await allocateTicket(site.id); // before the transaction: allocateTicket says why
  return db().$transaction(async (tx) => {
    const saved = { ...form, yourUniqueReference: ticketNumber };
    const load = await tx.load.create({
      data: {
        id: data.id,
        siteId: site.id,
        ticketNumber,
        receivedAt: now,
        dueAt: reportingDeadline(now, site.nation),
        status,
        movement: toMovement(saved) as Prisma.InputJsonValue,
        formValues: saved as unknown as Prisma.InputJsonValue,
        ...denormalised(saved, lookups.isHazardousEwcCode),
        weighings: weighings as unknown as Prisma.InputJsonValue,
        weighedInAt: now,
        weighedOutAt: second ? now : null,
        createdById: auditActorId(actor),
        updatedById: auditActorId(actor),
      },
    });
    if (status === 'PENDING') await enqueueDelivery(tx, load.id);
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: second ? 'load.weigh-one-pass' : 'load.weigh-in',
      entityType: 'load',
      entityId: load.id,
      siteId: site.id,
      changes: {
        ticketNumber: { to: ticketNumber },
        status: { to: status },
        vehicleRegistration: { to: reg },
        ...weighingAudit({ pass: 'first', ...first }),
        ...(second ? weighingAudit({ pass: 'second', ...second }) : {}),
      },
    });
    const net = weighingsNet(weighings);
    const bridge = bridgeOf(site, first);
    return {
      id: load.id,
      ticketNumber,
      status,
      version: load.version,
      net: net === null ? null : { amount: net, unit: first.unit },
      photo: bridge ? { weighbridgeId: bridge, pass: second ? ('single' as const) : ('in' as const) } : null,
    };
  });
}

/**
 * Weigh a vehicle out: the second weight, net = first − second (refused when zero or less). The load is
 * then complete: queued for DWT (dateTimeReceived the weigh-in time) when its details pass DWT's
 * checks, else kept as a draft for the clerk to finish. An empty weighing may be kept as the vehicle's tare.
 */
export async function weighOut({ actor, input, now = new Date() }: { actor: Actor; input: WeighOutInput; now?: Date }): Promise<WeighingResult> {
  assertCan(actor, 'weighings.create');
  const data = weighOutSchema.parse(input);
  const existing = await db().load.findUnique({ where: { id: data.loadId } });
  if (!existing || !actor.siteIds.includes(existing.siteId)) throw new NotFoundError('That load does not exist, or is at a site you do not work at.');
  if (existing.status !== 'ON_SITE') throw new ConflictError(`Ticket ${existing.ticketNumber} has already been weighed out.`);
  const site = await siteFor(actor, existing.siteId);
  const weighings = readWeighings(existing.weighings);
  const first = weighings.find((w) => w.pass === 'first');
  if (!first) throw new ConflictError(`Ticket ${existing.ticketNumber} has no first weighing.`);
  const reg = existing.vehicleRegistration ?? '';
  const resolved = await resolveWeight(data.weight, site, 'second', reg, now);
  const second = { ...resolved, amount: convertWeight(resolved.amount, resolved.unit, first.unit), unit: first.unit };
  const problem = netProblem(first.amount, second.amount, first.unit);
  if (problem) throw new ValidationError({ [data.weight.source === 'manual' ? 'weight.amount' : 'weight']: [problem] });
  const all: Weighing[] = [first, { pass: 'second', at: now.toISOString(), byId: auditActorId(actor), ...second }];
  const weighedInAt = existing.weighedInAt ?? existing.receivedAt;
  const form = withWeighings(
    storedLoadForm(existing.formValues, { dateTimeReceived: instantToUkLocal(weighedInAt), yourUniqueReference: existing.ticketNumber }),
    all,
    instantToUkLocal(weighedInAt),
  );
  const status = await completedStatus(form, site, now);
  const lookups = await getReferenceLookups();

  return db().$transaction(async (tx: Tx) => {
    const changed = await tx.load.updateMany({
      where: { id: existing.id, version: existing.version, status: 'ON_SITE' },
      data: {
        status,
        receivedAt: weighedInAt,
        movement: toMovement(form) as Prisma.InputJsonValue,
        formValues: form as unknown as Prisma.InputJsonValue,
        ...denormalised(form, lookups.isHazardousEwcCode),
        weighings: all as unknown as Prisma.InputJsonValue,
        weighedOutAt: now,
        updatedById: auditActorId(actor),
        version: { increment: 1 },
      },
    });
    if (changed.count === 0) throw new ConflictError('Someone else changed this load at the same moment. Open it again and retry.');
    if (status === 'PENDING') await enqueueDelivery(tx, existing.id);
    const net = weighingsNet(all)!;
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'load.weigh-out',
      entityType: 'load',
      entityId: existing.id,
      siteId: site.id,
      changes: { status: { from: 'ON_SITE', to: status }, ...weighingAudit({ pass: 'second', ...second }), net: { to: formatWeight(net, first.unit) } },
    });
    if (data.saveAsTare && second.source !== 'stored-tare' && reg) {
      await storeTare(tx, actor, {
        siteId: site.id,
        vehicleRegistration: reg,
        amount: second.amount,
        unit: second.unit === 'Kilograms' ? 'Kilograms' : 'Tonnes',
        weighedAt: now,
        source: second.source === 'indicator' ? 'indicator' : 'manual',
        rawFrame: second.rawFrame,
        reason: second.reason,
        loadId: existing.id,
      });
    }
    const bridge = bridgeOf(site, second);
    return {
      id: existing.id,
      ticketNumber: existing.ticketNumber,
      status,
      version: existing.version + 1,
      net: { amount: net, unit: first.unit },
      photo: bridge ? { weighbridgeId: bridge, pass: 'out' as const } : null,
    };
  });
}

export interface OnSiteVehicle {
  id: string;
  siteId: string;
  siteName: string;
  ticketNumber: string;
  vehicleRegistration: string | null;
  carrierName: string | null;
  weighedInAt: Date;
  firstWeight: { amount: number; unit: WeightMetric; source: Weighing['source'] } | null;
  minutesOnSite: number;
  /** Longer on site than the site's limit. */
  overLimit: boolean;
  limitMinutes: number;
}

/** Vehicles weighed in and not out at the actor's sites (or one of them), longest on site first. */
export async function listOnSite({ actor, input, now = new Date() }: { actor: Actor; input: { siteId?: string }; now?: Date }): Promise<OnSiteVehicle[]> {
  assertCan(actor, 'loads.view');
  if (input.siteId) assertSite(actor, input.siteId);
  const rows = await db().load.findMany({
    where: { status: 'ON_SITE', siteId: input.siteId ? input.siteId : { in: actor.siteIds } },
    orderBy: { weighedInAt: 'asc' },
    take: 200,
    select: {
      id: true,
      siteId: true,
      ticketNumber: true,
      vehicleRegistration: true,
      carrierName: true,
      weighedInAt: true,
      receivedAt: true,
      weighings: true,
      site: { select: { name: true, onSiteLimitMinutes: true } },
    },
  });
  return rows.map((r) => {
    const inAt = r.weighedInAt ?? r.receivedAt;
    const first = readWeighings(r.weighings).find((w) => w.pass === 'first');
    const minutes = Math.max(0, Math.floor((now.getTime() - inAt.getTime()) / 60_000));
    return {
      id: r.id,
      siteId: r.siteId,
      siteName: r.site.name,
      ticketNumber: r.ticketNumber,
      vehicleRegistration: r.vehicleRegistration,
      carrierName: r.carrierName,
      weighedInAt: inAt,
      firstWeight: first ? { amount: first.amount, unit: first.unit, source: first.source } : null,
      minutesOnSite: minutes,
      overLimit: minutes > r.site.onSiteLimitMinutes,
      limitMinutes: r.site.onSiteLimitMinutes,
    };
  });
}

/** For the manager's home page: vehicles on site longer than their site's limit (their reporting clock is running). */
export async function overdueOnSite({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<OnSiteVehicle[]> {
  assertCan(actor, 'loads.manage');
  return (await listOnSite({ actor, input: {}, now })).filter((v) => v.overLimit);
}

/** What the weigh-in page needs: the site's unit, its weighbridges, whether typed weights need a reason. */
export async function gatehouseSite({ actor, input }: { actor: Actor; input: { siteId: string } }) {
  assertCan(actor, 'weighings.create');
  const site = await siteFor(actor, input.siteId);
  return {
    id: site.id,
    name: site.name,
    unit: siteUnit(site),
    weighbridges: site.weighbridges
      .filter((w) => w.connection !== 'none')
      .map((w) => {
        // An indicator cabled to the gatehouse PC is read by the browser: it needs the format and port settings.
        const c = toReaderConfig(w);
        const serial =
          c.connection === 'web-serial' ? { id: c.id, format: c.format, template: c.template, unit: c.unit, divisionKg: c.divisionKg, serial: c.serial } : null;
        return { id: w.id, name: w.name, serial };
      }),
    manualNeedsReason: hasIndicator(site),
  };
}

/** The on-site load to weigh out, with its first weighing. */
export async function getOnSiteLoad({ actor, input }: { actor: Actor; input: { id: string } }) {
  assertCan(actor, 'weighings.create');
  if (!UUID.test(input.id)) throw new NotFoundError('That load does not exist, or is at a site you do not work at.');
  const load = await db().load.findUnique({ where: { id: input.id } });
  if (!load || !actor.siteIds.includes(load.siteId)) throw new NotFoundError('That load does not exist, or is at a site you do not work at.');
  return {
    id: load.id,
    siteId: load.siteId,
    status: load.status,
    ticketNumber: load.ticketNumber,
    vehicleRegistration: load.vehicleRegistration,
    carrierName: load.carrierName,
    weighedInAt: load.weighedInAt ?? load.receivedAt,
    weighings: readWeighings(load.weighings),
  };
}
