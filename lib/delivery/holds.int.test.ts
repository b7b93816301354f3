// Holds by apiCode (issue 14), against real PostgreSQL and the real sandbox over HTTP, sent by a real
// worker: a 402 (service charge unpaid) or a refused apiCode holds every send with that code, the loads
// stay 'Waiting to send' and nothing loops; the hourly probe sends one request; "We have paid – try
// now" (audited) and a new apiCode on the site end it; the service charge's expiry is recorded per
// apiCode; a correction sent with another organisation's apiCode is refused on submittingOrganisation.
// Time passing is played by making the hold's probe due (probe_at = now()), as passBackOffTime does for
// the queue's back-off. The file has a database of its own: the worker claims every due job in it.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { SANDBOX_API_CODES } from '@/lib/dwt/sandbox/defaults';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { resetEnvCache } from '@/lib/env';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { saveLoad } from '@/lib/loads/service';
import { updateSite } from '@/lib/sites/service';
import { createFaultSite, pointAppAt, queueLoads, report, sleep, statusCounts, useOwnDatabase, waitFor, type FaultSite } from '@/test/delivery-harness';
import { loadForm, RECEIVING_SITE } from '@/test/load-fixtures';
import { noteHoldsChanged, PROBE_EVERY_MS } from './holds';
import { deliverLoad, getApiCodeNotices, getApiCodeStates, tryApiCodeNow } from './service';
import { startDeliveryWorker, type DeliveryWorker } from './worker';

const [, PAID, UNPAID, REVOKED, REPLACEMENT, FIRST_ORG, SECOND_ORG] = SANDBOX_API_CODES as [string, string, string, string, string, string, string];

let database: Awaited<ReturnType<typeof useOwnDatabase>>;
let sandbox: DwtSandbox;
let worker: DeliveryWorker | undefined;
const admin: Actor = { id: randomUUID(), email: 'admin@example.com', name: 'Admin', roles: ['ADMIN'], siteIds: [] };

beforeAll(async () => {
  process.env.LOG_LEVEL = 'error';
  resetEnvCache();
  database = await useOwnDatabase('delivery_holds');
  sandbox = await startDwtSandbox({ port: 0 });
  pointAppAt(sandbox);
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await sandbox.setKnobs({ unpaidApiCodes: [], revokedApiCodes: [], serviceChargeExpiry: undefined });
});

afterAll(async () => {
  await sandbox?.close();
  await database?.drop();
});

function startWorker() {
  worker = startDeliveryWorker({ maxSendRate: 500, concurrency: 8, idlePollMs: 25, clientOptions: { retry: { maxAttempts: 1 } } });
}

async function siteWithCode(label: string, apiCode: string): Promise<FaultSite> {
  const site = await createFaultSite(label);
  await updateSite({ actor: systemActor(), input: { id: site.id, name: site.name, ...RECEIVING_SITE, apiCode } });
  return site;
}

const postsWith = (apiCode: string) => [...sandbox.movements.values()].filter((m) => m.apiCode === apiCode).length;
const hold = (apiCode: string) => db().dwtApiCode.findUnique({ where: { apiCode } });
const attemptsAt = (siteId: string) => db().sendAttempt.groupBy({ by: ['outcome'], where: { load: { siteId } }, _count: { _all: true } });
/** Time passing: the hold's next hourly probe is due now. */
const probeIsDue = (apiCode: string) => db().$executeRaw`UPDATE dwt_api_code SET probe_at = now() WHERE api_code = ${apiCode}::uuid`;

describe('402: the organisation has not paid its DWT service charge', () => {
  it('holds every send with the apiCode, keeps the loads waiting, probes once an hour, and “try now” sends them all', async () => {
    await sandbox.setKnobs({ unpaidApiCodes: [UNPAID] });
    const site = await siteWithCode('Unpaid', UNPAID);
    const paid = await siteWithCode('Paid', PAID);
    const N = 12;
    await queueLoads(site, N);
    await queueLoads(paid, 3);
    sandbox.resetStats();
    startWorker();

    await waitFor(async () => (await hold(UNPAID))?.holdReason === 'payment-required', { timeoutMs: 20_000, what: 'the apiCode to be held' });
    await waitFor(async () => (await statusCounts(paid.id)).SENT === 3, { timeoutMs: 20_000, what: 'the paid site’s loads to go' });
    // Let the worker run on: a held apiCode is not tried again, so the 402s stay where they were.
    const first402s = sandbox.stats().requests['POST /movements/receive']?.['402'] ?? 0;
    await sleep(1_500);
    const after = sandbox.stats().requests['POST /movements/receive']?.['402'] ?? 0;
    expect(after).toBe(first402s);
    expect(first402s).toBeGreaterThan(0);
    expect(first402s).toBeLessThanOrEqual(8); // at most one round of the worker's concurrent sends, never a loop
    report(`402: ${N} loads held; POSTs answered 402 before the hold took: ${first402s}, in the 1.5 s after: ${after - first402s}`);
    expect(await statusCounts(site.id)).toEqual({ PENDING: N });
    expect(await db().deliveryJob.count({ where: { load: { siteId: site.id } } })).toBe(N);
    const held = (await hold(UNPAID))!;
    expect(held.holdMessage).toMatch(/service charge/);
    expect(held.probeAt!.getTime() - Date.now()).toBeGreaterThan(PROBE_EVERY_MS - 60_000);

    // An hour on, still unpaid: one send tries again, and the hold stands for another hour.
    await probeIsDue(UNPAID);
    await waitFor(async () => (sandbox.stats().requests['POST /movements/receive']?.['402'] ?? 0) === after + 1, {
      timeoutMs: 20_000,
      what: 'the hourly probe',
    });
    await sleep(500);
    expect(sandbox.stats().requests['POST /movements/receive']?.['402']).toBe(after + 1);
    expect((await hold(UNPAID))!.probeAt!.getTime()).toBeGreaterThan(Date.now() + PROBE_EVERY_MS - 60_000);

    // Managers and admins are told, naming the sites.
    const states = await getApiCodeStates({ actor: admin });
    const state = states.find((s) => s.apiCode === UNPAID)!;
    expect(state).toMatchObject({ sites: [{ id: site.id, name: site.name }], waiting: N, hold: { reason: 'payment-required' } });
    const manager = await getApiCodeStates({ actor: site.manager });
    expect(manager.map((s) => s.apiCode)).toEqual([UNPAID]);

    // Paid: an admin presses "We have paid – try now". Clerks and managers may not.
    await expect(tryApiCodeNow({ actor: site.manager, input: { apiCode: UNPAID } })).rejects.toBeInstanceOf(ForbiddenError);
    await sandbox.setKnobs({ unpaidApiCodes: [], serviceChargeExpiry: '2027-03-31' });
    const result = await tryApiCodeNow({ actor: admin, input: { apiCode: UNPAID } });
    expect(result).toMatchObject({ held: false, message: expect.stringContaining('DWT took the first waiting load') });
    await waitFor(async () => (await statusCounts(site.id)).SENT === N, { timeoutMs: 20_000, what: 'every held load to go' });
    expect(postsWith(UNPAID.toLowerCase())).toBe(N);
    expect(await hold(UNPAID)).toMatchObject({ holdReason: null, probeAt: null });
    const [audit] = await db().auditEntry.findMany({ where: { action: 'dwt.api-code-try-now', entityId: UNPAID } });
    expect(audit).toMatchObject({ actorId: admin.id, changes: { hold: { from: 'payment-required', to: null } } });
    await expect(tryApiCodeNow({ actor: admin, input: { apiCode: UNPAID } })).rejects.toBeInstanceOf(ConflictError);

    // The expiry date came with the answers, and is recorded for the apiCode.
    const recorded = (await hold(UNPAID))!;
    expect(recorded.serviceChargeExpiryText).toBe('2027-03-31');
    expect(recorded.serviceChargeExpiry!.toISOString().slice(0, 10)).toBe('2027-03-31');
    const early = (await getApiCodeStates({ actor: admin, now: new Date('2027-01-01T12:00:00Z') })).find((s) => s.apiCode === UNPAID)!;
    expect(early).toMatchObject({ chargeWarning: false, serviceCharge: { daysLeft: 89 } });
    const late = (await getApiCodeStates({ actor: admin, now: new Date('2027-03-02T12:00:00Z') })).find((s) => s.apiCode === UNPAID)!;
    expect(late).toMatchObject({ chargeWarning: true, serviceCharge: { daysLeft: 29 } });
    // The banner's cheap check finds it only once it is inside the 30 days.
    expect((await getApiCodeNotices({ actor: admin, now: new Date('2027-01-01T12:00:00Z') })).map((s) => s.apiCode)).not.toContain(UNPAID);
    expect((await getApiCodeNotices({ actor: admin, now: new Date('2027-03-02T12:00:00Z') })).map((s) => s.apiCode)).toContain(UNPAID);
    expect(await getApiCodeNotices({ actor: site.clerk, now: new Date('2027-03-02T12:00:00Z') })).toEqual([]);
  });

  it('a probe that DWT takes ends the hold by itself', async () => {
    await sandbox.setKnobs({ unpaidApiCodes: [UNPAID] });
    const site = await siteWithCode('Unpaid probe', UNPAID);
    await queueLoads(site, 4);
    startWorker();
    // Every load answered 402 (a later 402 would move the probe an hour on again).
    await waitFor(async () => (await attemptsAt(site.id)).find((o) => o.outcome === 'payment-required')?._count._all === 4, {
      timeoutMs: 20_000,
      what: 'each load to be answered 402',
    });
    await sandbox.setKnobs({ unpaidApiCodes: [] });
    await probeIsDue(UNPAID);
    await waitFor(async () => (await statusCounts(site.id)).SENT === 4, {
      timeoutMs: 20_000,
      what: 'the loads to go after the probe',
      describe: async () => ({
        hold: await hold(UNPAID),
        statuses: await statusCounts(site.id),
        jobs: await db().deliveryJob.findMany({ where: { load: { siteId: site.id } } }),
        outcomes: await attemptsAt(site.id),
      }),
    });
    expect((await hold(UNPAID))!.holdReason).toBeNull();
  });

  it('a clerk’s send while the apiCode is held goes nowhere and says why', async () => {
    const site = await siteWithCode('Held clerk', UNPAID);
    await db().$executeRaw`
      INSERT INTO dwt_api_code (api_code, hold_reason, hold_message, held_since, probe_at)
      VALUES (${UNPAID}::uuid, 'payment-required', 'unpaid', now(), now() + interval '1 hour')
      ON CONFLICT (api_code) DO UPDATE SET hold_reason = 'payment-required', hold_message = 'unpaid', held_since = now(), probe_at = now() + interval '1 hour'`;
    noteHoldsChanged(); // as holdApiCode does: this test puts the hold by hand
    const before = sandbox.stats().postAttempts;
    const saved = await saveLoad({ actor: site.clerk, input: { id: randomUUID(), siteId: site.id, expectedVersion: null, intent: 'send', form: loadForm() } });
    const result = await deliverLoad({ loadId: saved.id });
    expect(result.status).toBe('PENDING');
    expect(result.message).toMatch(/service charge/);
    expect(sandbox.stats().postAttempts).toBe(before);
    expect(await db().sendAttempt.count({ where: { loadId: saved.id } })).toBe(0);
    await db()
      .$executeRaw`UPDATE dwt_api_code SET hold_reason = NULL, hold_message = NULL, held_since = NULL, probe_at = NULL WHERE api_code = ${UNPAID}::uuid`;
    noteHoldsChanged();
  });
});

describe('a refused apiCode (400 on apiCode): the site’s set-up, not the loads', () => {
  it('holds the site’s loads as waiting, and sends them once a working apiCode is saved on the site', async () => {
    await sandbox.setKnobs({ revokedApiCodes: [REVOKED] });
    const site = await siteWithCode('Revoked', REVOKED);
    const sharing = await siteWithCode('Revoked too', REVOKED);
    await queueLoads(site, 5);
    await queueLoads(sharing, 2);
    startWorker();

    await waitFor(async () => (await hold(REVOKED))?.holdReason === 'api-code-refused', { timeoutMs: 20_000, what: 'the apiCode to be held' });
    await sleep(800);
    expect(await statusCounts(site.id)).toEqual({ PENDING: 5 });
    const outcomes = await attemptsAt(site.id);
    expect(outcomes.map((o) => o.outcome)).toEqual(['api-code-refused']);
    const refusedSoFar = outcomes[0]!._count._all;
    expect((await hold(REVOKED))!.holdMessage).toBe('the API Code supplied is invalid');
    const state = (await getApiCodeStates({ actor: admin })).find((s) => s.apiCode === REVOKED)!;
    expect(state.sites.map((s) => s.id).sort()).toEqual([site.id, sharing.id].sort());
    expect(state).toMatchObject({ waiting: 7, hold: { reason: 'api-code-refused' } });

    // The admin saves a working apiCode on one site: its loads go; the other site's stay held.
    await updateSite({ actor: systemActor(), input: { id: site.id, name: site.name, ...RECEIVING_SITE, apiCode: REPLACEMENT } });
    await waitFor(async () => (await statusCounts(site.id)).SENT === 5, { timeoutMs: 20_000, what: 'the site’s loads to go with the new apiCode' });
    expect(postsWith(REPLACEMENT)).toBe(5);
    await sleep(300);
    expect(await statusCounts(sharing.id)).toEqual({ PENDING: 2 });
    expect((await attemptsAt(site.id)).find((o) => o.outcome === 'api-code-refused')!._count._all).toBe(refusedSoFar);
    const after = (await getApiCodeStates({ actor: admin })).find((s) => s.apiCode === REVOKED)!;
    expect(after.sites.map((s) => s.id)).toEqual([sharing.id]);
  });
});

describe('a correction sent with another organisation’s apiCode', () => {
  it('is refused on submittingOrganisation: the load needs attention and DWT’s record is unchanged', async () => {
    const site = await siteWithCode('Handover', FIRST_ORG);
    const saved = await saveLoad({ actor: site.clerk, input: { id: randomUUID(), siteId: site.id, expectedVersion: null, intent: 'send', form: loadForm() } });
    const sent = await deliverLoad({ loadId: saved.id });
    expect(sent.status).toBe('SENT');
    await updateSite({ actor: systemActor(), input: { id: site.id, name: site.name, ...RECEIVING_SITE, apiCode: SECOND_ORG } });
    const form = loadForm();
    form.wasteItems[0]!.wasteDescription = 'Regraded soil';
    await saveLoad({ actor: site.manager, input: { id: saved.id, siteId: site.id, expectedVersion: 1, intent: 'send', correctionReason: 'Regraded', form } });
    const refused = await deliverLoad({ loadId: saved.id });
    expect(refused.status).toBe('NEEDS_ATTENTION');
    expect(refused.errors).toEqual([expect.objectContaining({ key: 'submittingOrganisation', errorType: 'BusinessRuleViolation' })]);
    expect(sandbox.movements.get(sent.wasteTrackingId!)!.updates).toBe(0);
    // The attempts say which apiCode went each time, for the load page's explanation.
    const attempts = await db().sendAttempt.findMany({ where: { loadId: saved.id }, orderBy: { at: 'asc' } });
    expect(attempts.map((a) => [a.method, a.outcome, (a.detail as { apiCode?: string }).apiCode])).toEqual([
      ['POST', 'created', FIRST_ORG],
      ['PUT', 'rejected', SECOND_ORG],
    ]);
  });
});
