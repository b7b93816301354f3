// Two-pass weighing against a real PostgreSQL and the DWT sandbox: weigh in (saved on site, never
// queued), waste details between the passes, weigh out (net checks), one pass with a stored tare (and
// its expiry), and where each weight came from (the indicator's frame, typed with a reason).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTare } from '@/lib/address-book/tares';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { deliverLoad } from '@/lib/delivery/service';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { createSite } from '@/lib/sites/service';
import { pushAgentBytes, stopHub } from '@/lib/weighbridge/hub';
import { encodeToledo } from '@/lib/weighbridge/parsers/toledo';
import { printable } from '@/lib/weighbridge/reading';
import { saveWeighbridge, getReaderConfig } from '@/lib/weighbridge/service';
import { pointAppAt } from '@/test/dwt-env';
import { loadForm, RECEIVING_SITE } from '@/test/load-fixtures';
import { saveLoad } from './service';
import { listOnSite, overdueOnSite, weighIn, weighOut } from './weighing';
import { MANUAL_REASON_REQUIRED, readWeighings } from './weighing-schema';

let sandbox: DwtSandbox;
let siteId: string;
let indicatorSiteId: string;
let bridgeId: string;
let clerk: Actor;
let manager: Actor;
let admin: Actor;

const actor = (roles: Actor['roles'], sites: string[]): Actor => ({ id: randomUUID(), email: 'a@b.c', name: 'T', roles, siteIds: sites });
const manual = (amount: string, reason = '') => ({ source: 'manual' as const, amount, reason });

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0 });
  pointAppAt(sandbox);
  siteId = (await createSite({ actor: systemActor(), input: { name: `Two-pass ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE } })).id;
  indicatorSiteId = (
    await createSite({ actor: systemActor(), input: { name: `Indicator ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE, weighbridgeUnit: 'Kilograms' } })
  ).id;
  bridgeId = (
    await saveWeighbridge({
      actor: systemActor(),
      input: { siteId: indicatorSiteId, values: { name: 'Bridge', connection: 'agent', format: 'toledo', unit: 'kg' } },
    })
  ).id;
  clerk = actor(['CLERK'], [siteId, indicatorSiteId]);
  manager = actor(['MANAGER'], [siteId, indicatorSiteId]);
  admin = actor(['ADMIN'], [siteId, indicatorSiteId]);
});

afterAll(async () => {
  stopHub();
  await sandbox.close();
});

/** Feeds the agent channel a steady weight for longer than the stability hold. */
async function steady(kg: number) {
  const config = await getReaderConfig({ actor: clerk, id: bridgeId });
  const frame = encodeToledo({ weight: kg });
  for (let i = 0; i < 4; i++) pushAgentBytes(config, [frame]);
  await new Promise((r) => setTimeout(r, 1100));
  for (let i = 0; i < 3; i++) pushAgentBytes(config, [frame]);
}

describe('two-pass weighing', () => {
  it('weighs in (saved on site, never queued), takes waste details between passes, weighs out and sends with the weigh-in time', async () => {
    const weighedInAt = new Date(Date.now() - 45 * 60_000);
    const id = randomUUID();
    const inResult = await weighIn({
      actor: clerk,
      input: { id, siteId, vehicleRegistration: 'ab12 cde', carrierName: 'Acme Haulage Ltd', weight: manual('18.4') },
      now: weighedInAt,
    });
    expect(inResult.status).toBe('ON_SITE');
    const stored = await db().load.findUniqueOrThrow({ where: { id }, include: { deliveryJob: true } });
    expect(stored).toMatchObject({ status: 'ON_SITE', vehicleRegistration: 'AB12 CDE', deliveryJob: null });
    expect(stored.weighedInAt?.toISOString()).toBe(weighedInAt.toISOString());
    expect(readWeighings(stored.weighings)).toEqual([expect.objectContaining({ pass: 'first', amount: 18.4, unit: 'Tonnes', source: 'manual' })]);
    // A repeated submit returns the same load; the vehicle cannot be weighed in twice.
    expect((await weighIn({ actor: clerk, input: { id, siteId, vehicleRegistration: 'AB12 CDE', weight: manual('18.4') } })).id).toBe(id);
    const twice = weighIn({ actor: clerk, input: { id: randomUUID(), siteId, vehicleRegistration: 'AB12CDE', weight: manual('18.4') } });
    await expect(twice).rejects.toBeInstanceOf(ValidationError);

    const board = await listOnSite({ actor: clerk, input: { siteId }, now: new Date() });
    expect(board.find((v) => v.id === id)).toMatchObject({ vehicleRegistration: 'AB12 CDE', minutesOnSite: 45, firstWeight: { amount: 18.4, unit: 'Tonnes' } });

    // Waste details at either pass: saved through the load form, the vehicle stays on site and unsent,
    // and the form cannot change the weighbridge's figures or the weigh-in time.
    const details = loadForm();
    details.wasteItems[0]!.weighbridge = { gross: '99', tare: '1' };
    details.dateTimeReceived = '2026-11-01T08:00';
    // Another clerk at the gatehouse may add them (the vehicle is on site, not anyone's own load yet).
    const colleague = actor(['CLERK'], [siteId]);
    const saved = await saveLoad({ actor: colleague, input: { id, siteId, expectedVersion: stored.version, intent: 'send', form: details } });
    expect(saved.status).toBe('ON_SITE');
    const between = await db().load.findUniqueOrThrow({ where: { id }, include: { deliveryJob: true } });
    expect(between.deliveryJob).toBeNull();
    expect(between.receivedAt.toISOString()).toBe(weighedInAt.toISOString());
    expect((between.formValues as { wasteItems: { weighbridge: unknown }[] }).wasteItems[0]!.weighbridge).toEqual({ gross: '18.4', tare: '' });

    // Net zero or below is refused, naming the field.
    const heavier = weighOut({ actor: clerk, input: { loadId: id, weight: manual('18.4') } });
    await expect(heavier).rejects.toBeInstanceOf(ValidationError);
    await heavier.catch((e: ValidationError) =>
      expect(e.fieldErrors['weight.amount']?.[0]).toMatch(/^Second weight must be less than the first weight \(18\.4 t\)/),
    );

    const out = await weighOut({ actor: clerk, input: { loadId: id, weight: manual('10.2') } });
    expect(out).toMatchObject({ status: 'PENDING', net: { amount: 8.2, unit: 'Tonnes' } });
    await expect(weighOut({ actor: clerk, input: { loadId: id, weight: manual('10.2') } })).rejects.toBeInstanceOf(ConflictError);
    const delivered = await deliverLoad({ loadId: id });
    expect(delivered.status).toBe('SENT');
    const sent = await db().load.findUniqueOrThrow({ where: { id } });
    const movement = sent.movement as { dateTimeReceived: string; wasteItems: { weight: { amount: number; metric: string } }[] };
    expect(movement.wasteItems[0]!.weight).toMatchObject({ amount: 8.2, metric: 'Tonnes' });
    expect(new Date(movement.dateTimeReceived).getTime()).toBe(Math.floor(weighedInAt.getTime() / 60_000) * 60_000);
    expect(readWeighings(sent.weighings).map((w) => w.pass)).toEqual(['first', 'second']);
    const audit = await db().auditEntry.findMany({ where: { entityId: id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['load.weigh-in', 'load.update', 'load.weigh-out']));
  });

  it('keeps a weighed-out load without waste details as a draft to finish', async () => {
    const id = randomUUID();
    await weighIn({ actor: clerk, input: { id, siteId, vehicleRegistration: 'DR01 AFT', weight: manual('12') } });
    const out = await weighOut({ actor: clerk, input: { loadId: id, weight: manual('4') } });
    expect(out).toMatchObject({ status: 'DRAFT', net: { amount: 8, unit: 'Tonnes' } });
    expect(await db().deliveryJob.findUnique({ where: { loadId: id } })).toBeNull();
  });

  it('shows a vehicle left on site past the site limit to managers only', async () => {
    const id = randomUUID();
    await weighIn({ actor: clerk, input: { id, siteId, vehicleRegistration: 'OV3R DUE', weight: manual('9') }, now: new Date(Date.now() - 5 * 60 * 60_000) });
    const overdue = await overdueOnSite({ actor: manager });
    expect(overdue.find((v) => v.id === id)).toMatchObject({ overLimit: true, limitMinutes: 240 });
    await expect(overdueOnSite({ actor: clerk })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses people without the permission or the site', async () => {
    await expect(weighIn({ actor: admin, input: { id: randomUUID(), siteId, vehicleRegistration: 'NO01 PE', weight: manual('9') } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const elsewhere = actor(['CLERK'], []);
    await expect(
      weighIn({ actor: elsewhere, input: { id: randomUUID(), siteId, vehicleRegistration: 'NO01 PE', weight: manual('9') } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('weight sources', () => {
  it('takes the indicator’s steady weight on the server, with its frame; typed weights need a reason where there is an indicator', async () => {
    const config = await getReaderConfig({ actor: clerk, id: bridgeId });
    pushAgentBytes(config, [encodeToledo({ weight: 14320, motion: true })]);
    const moving = weighIn({
      actor: clerk,
      input: { id: randomUUID(), siteId: indicatorSiteId, vehicleRegistration: 'IN01 DIC', weight: { source: 'indicator', weighbridgeId: bridgeId } },
    });
    await expect(moving).rejects.toBeInstanceOf(ValidationError);

    await steady(14320);
    const id = randomUUID();
    const taken = await weighIn({
      actor: clerk,
      input: { id, siteId: indicatorSiteId, vehicleRegistration: 'IN01 DIC', weight: { source: 'indicator', weighbridgeId: bridgeId } },
    });
    // The bridge it stood on: its camera's snapshot is taken with the weighing (the action does it).
    expect(taken.photo).toEqual({ weighbridgeId: bridgeId, pass: 'in' });
    const [first] = readWeighings((await db().load.findUniqueOrThrow({ where: { id } })).weighings);
    expect(first).toMatchObject({ amount: 14320, unit: 'Kilograms', source: 'indicator', weighbridgeId: bridgeId });
    expect(first!.rawFrame).toContain('14320');

    const noReason = weighOut({ actor: clerk, input: { loadId: id, weight: manual('6,100') } });
    await expect(noReason).rejects.toBeInstanceOf(ValidationError);
    await noReason.catch((e: ValidationError) => expect(e.fieldErrors['weight.reason']).toEqual([MANUAL_REASON_REQUIRED]));
    await weighOut({ actor: clerk, input: { loadId: id, weight: manual('6,100', 'Indicator frozen'), saveAsTare: true } });
    const load = await db().load.findUniqueOrThrow({ where: { id } });
    expect(readWeighings(load.weighings)[1]).toMatchObject({ amount: 6100, source: 'manual', reason: 'Indicator frozen' });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entityId: id, action: 'load.weigh-out' } });
    expect(audit.changes).toMatchObject({ secondWeightSource: { to: 'manual' }, secondWeightReason: { to: 'Indicator frozen' } });
    // The empty weighing became the vehicle's stored tare, audited.
    const tare = await db().vehicleTare.findUniqueOrThrow({
      where: { siteId_vehicleRegistration: { siteId: indicatorSiteId, vehicleRegistration: 'IN01DIC' } },
    });
    expect(Number(tare.amount)).toBe(6100);
    expect(await db().auditEntry.count({ where: { entityId: tare.id, action: 'vehicle-tare.record' } })).toBe(1);
  });
});

describe('a weight taken in the browser (Web Serial)', () => {
  it('is kept when its frame shows that weight at rest, and refused when it does not', async () => {
    const serialBridge = (
      await saveWeighbridge({
        actor: systemActor(),
        input: { siteId: indicatorSiteId, values: { name: 'Serial bridge', connection: 'web-serial', format: 'toledo', unit: 'kg' } },
      })
    ).id;
    const raw = printable(encodeToledo({ weight: 9_880 }));
    const lying = weighIn({
      actor: clerk,
      input: {
        id: randomUUID(),
        siteId: indicatorSiteId,
        vehicleRegistration: 'SE12 RAL',
        weight: { source: 'serial', weighbridgeId: serialBridge, raw, kg: 19_880 },
      },
    });
    await expect(lying).rejects.toBeInstanceOf(ValidationError);
    const moving = printable(encodeToledo({ weight: 9_880, motion: true }));
    await expect(
      weighIn({
        actor: clerk,
        input: {
          id: randomUUID(),
          siteId: indicatorSiteId,
          vehicleRegistration: 'SE12 RAL',
          weight: { source: 'serial', weighbridgeId: serialBridge, raw: moving, kg: 9_880 },
        },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    const id = randomUUID();
    await weighIn({
      actor: clerk,
      input: { id, siteId: indicatorSiteId, vehicleRegistration: 'SE12 RAL', weight: { source: 'serial', weighbridgeId: serialBridge, raw, kg: 9_880 } },
    });
    const [first] = readWeighings((await db().load.findUniqueOrThrow({ where: { id } })).weighings);
    expect(first).toMatchObject({ amount: 9_880, source: 'indicator', rawFrame: raw, weighbridgeId: serialBridge });
  });
});

describe('stored tares', () => {
  it('weighs a vehicle with a valid stored tare in one pass, and refuses an expired one', async () => {
    const threeMonthsAgo = new Date(Date.now() - 90 * 24 * 3600_000);
    await recordTare({ actor: clerk, input: { siteId, vehicleRegistration: 'ta12 rex', amount: '10.2', unit: 'Tonnes' }, now: threeMonthsAgo });
    const id = randomUUID();
    const result = await weighIn({ actor: clerk, input: { id, siteId, vehicleRegistration: 'TA12 REX', weight: manual('18.4'), useStoredTare: true } });
    expect(result).toMatchObject({ status: 'DRAFT', net: { amount: 8.2, unit: 'Tonnes' } });
    const load = await db().load.findUniqueOrThrow({ where: { id } });
    expect(readWeighings(load.weighings)[1]).toMatchObject({
      pass: 'second',
      source: 'stored-tare',
      amount: 10.2,
      tareWeighedAt: threeMonthsAgo.toISOString(),
    });
    expect(load.weighedOutAt).not.toBeNull();

    // Older than the site's expiry (six months by default): no longer offered nor accepted.
    await recordTare({
      actor: clerk,
      input: { siteId, vehicleRegistration: 'OLD1 TAR', amount: '9', unit: 'Tonnes' },
      now: new Date(Date.now() - 200 * 24 * 3600_000),
    });
    const expired = weighIn({ actor: clerk, input: { id: randomUUID(), siteId, vehicleRegistration: 'OLD1 TAR', weight: manual('18'), useStoredTare: true } });
    await expect(expired).rejects.toBeInstanceOf(ValidationError);
    // A site without expiry keeps it.
    await db().site.update({ where: { id: siteId }, data: { tareExpiryMonths: null } });
    const kept = await weighIn({
      actor: clerk,
      input: { id: randomUUID(), siteId, vehicleRegistration: 'OLD1 TAR', weight: manual('18'), useStoredTare: true },
    });
    expect(kept.net).toEqual({ amount: 9, unit: 'Tonnes' });
    await db().site.update({ where: { id: siteId }, data: { tareExpiryMonths: 6 } });
  });

  it('refuses a tare from someone who does not work at the site, or that is not a weight', async () => {
    await expect(
      recordTare({ actor: actor(['CLERK'], []), input: { siteId, vehicleRegistration: 'AB12 CDE', amount: '10', unit: 'Tonnes' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordTare({ actor: clerk, input: { siteId, vehicleRegistration: 'AB12 CDE', amount: 'ten', unit: 'Tonnes' } })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
