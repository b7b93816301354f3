// Saving loads (master copy first) and sending them to the built-in DWT sandbox over real HTTP.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { claimJobs } from '@/lib/delivery/queue';
import { deliverLoad } from '@/lib/delivery/service';
import { DEFAULT_KNOBS, startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { createSite } from '@/lib/sites/service';
import { pointAppAt } from '@/test/dwt-env';
import { loadForm } from '@/test/load-fixtures';
import type { LoadFormValues } from './schema';
import { saveLoad, startNewLoad } from './service';

let sandbox: DwtSandbox;
let siteId: string;
let otherSiteId: string;
let clerk: Actor;
let otherClerk: Actor;
let manager: Actor;

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0 });
  pointAppAt(sandbox);
  const site = await createSite({
    actor: systemActor(),
    input: { name: `Loads IT ${randomUUID().slice(0, 6)}`, authorisationNumber: 'EPR/AB1234CD', fullAddress: '1 Test Way, Leeds', postcode: 'LS1 1AA' },
  });
  const other = await createSite({ actor: systemActor(), input: { name: `Other ${randomUUID().slice(0, 6)}` } });
  siteId = site.id;
  otherSiteId = other.id;
  const actor = (roles: Actor['roles'], sites = [siteId]): Actor => ({ id: randomUUID(), email: 'a@b.c', name: 'T', roles, siteIds: sites });
  clerk = actor(['CLERK']);
  otherClerk = actor(['CLERK']);
  manager = actor(['MANAGER']);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await sandbox.setKnobs(DEFAULT_KNOBS);
});

function form(overrides: (f: LoadFormValues) => void = () => {}): LoadFormValues {
  const f = loadForm();
  f.dateTimeReceived = '2026-11-20T09:15';
  overrides(f);
  return f;
}

const send = (actor: Actor, f: LoadFormValues, id = randomUUID(), expectedVersion: number | null = null) =>
  saveLoad({ actor, input: { id, siteId, expectedVersion, intent: 'send', form: f } });

describe('saving a load', () => {
  it('commits it with the next ticket number and an audit entry, before anything is sent', async () => {
    const start = await startNewLoad({ actor: clerk, input: { siteId } });
    const saved = await send(clerk, form());
    expect(saved).toMatchObject({ status: 'PENDING', version: 1, created: true, ticketNumber: start.suggestedTicketNumber });
    const row = await db().load.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.wasteTrackingId).toBeNull();
    expect((row.movement as { yourUniqueReference: string }).yourUniqueReference).toBe(saved.ticketNumber);
    expect(row).toMatchObject({ vehicleRegistration: 'AB12 CDE', carrierName: 'Acme Haulage Ltd', ewcCodes: ['170504'], isHazardous: false });
    const audit = await db().auditEntry.findMany({ where: { entityType: 'load', entityId: saved.id } });
    expect(audit.map((a) => a.action)).toEqual(['load.create']);
  });

  it('hands out ticket numbers in sequence, and moves past one typed by hand', async () => {
    const a = await send(clerk, form());
    const typed = String(Number(a.ticketNumber) + 5).padStart(6, '0');
    const b = await send(
      clerk,
      form((f) => {
        f.yourUniqueReference = typed;
        f.ticketNumberIsSuggested = false;
      }),
    );
    const c = await send(clerk, form());
    expect(b.ticketNumber).toBe(typed);
    expect(Number(c.ticketNumber)).toBe(Number(typed) + 1);
    const clash = await send(
      clerk,
      form((f) => {
        f.yourUniqueReference = typed;
        f.ticketNumberIsSuggested = false;
      }),
    ).catch((e: unknown) => e);
    expect((clash as ValidationError).fieldErrors).toEqual({ yourUniqueReference: [`Ticket number ${typed} is already used at this site`] });
  });

  it('gives clerks saving at once their own numbers, without waiting on each other; a refused load takes none', async () => {
    const saved = await Promise.all(Array.from({ length: 12 }, () => send(clerk, form())));
    const numbers = saved.map((s) => Number(s.ticketNumber)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.at(-1)! - numbers[0]!).toBe(11); // none skipped
    // Refused by the checks (no carrier): checked before a number is taken, so the next one follows on.
    const refused = await send(
      clerk,
      form((f) => (f.carrier.organisationName = '')),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(Number((await send(clerk, form())).ticketNumber)).toBe(numbers.at(-1)! + 1);
  });

  it('recognises the same submission twice (a double click) and saves one load', async () => {
    const id = randomUUID();
    const f = form();
    const first = await send(clerk, f, id);
    const again = await send(clerk, f, id, null);
    expect(again).toEqual({ ...first, created: false });
    // A different form under the same id, from a stale page: refused, never a second load.
    const other = await send(
      clerk,
      form((x) => {
        x.wasteItems[0]!.wasteDescription = 'Other';
      }),
      id,
      null,
    ).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ConflictError);
    expect(await db().load.count({ where: { id } })).toBe(1);
    expect(first.created).toBe(true);
  });

  it('refuses bad input with errors on the fields and saves nothing', async () => {
    const id = randomUUID();
    const error = await send(
      clerk,
      form((f) => {
        f.carrier.registrationNumber = '';
      }),
      id,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['carrier.reasonForNoRegistrationNumber']);
    expect(await db().load.count({ where: { id } })).toBe(0);
  });

  it('keeps an incomplete load as a draft', async () => {
    const saved = await saveLoad({
      actor: clerk,
      input: {
        id: randomUUID(),
        siteId,
        expectedVersion: null,
        intent: 'draft',
        form: form((f) => {
          f.wasteItems[0]!.ewcCodes = [];
        }),
      },
    });
    expect(saved.status).toBe('DRAFT');
    expect((await deliverLoad({ loadId: saved.id })).status).toBe('DRAFT');
  });

  it('refuses a second save made from an older version, and lets only the right people edit', async () => {
    const saved = await saveLoad({ actor: clerk, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'draft', form: form() } });
    const v2 = await saveLoad({
      actor: manager,
      input: {
        id: saved.id,
        siteId,
        expectedVersion: 1,
        intent: 'draft',
        form: form((f) => {
          f.wasteItems[0]!.wasteDescription = 'Regraded: soil';
        }),
      },
    });
    expect(v2.version).toBe(2);
    const stale = await saveLoad({
      actor: clerk,
      input: {
        id: saved.id,
        siteId,
        expectedVersion: 1,
        intent: 'draft',
        form: form((f) => {
          f.wasteItems[0]!.wasteDescription = 'Mine';
        }),
      },
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    const notTheirs = await saveLoad({ actor: otherClerk, input: { id: saved.id, siteId, expectedVersion: 2, intent: 'draft', form: form() } }).catch(
      (e: unknown) => e,
    );
    expect(notTheirs).toBeInstanceOf(ForbiddenError);
    const audit = await db().auditEntry.findMany({ where: { entityType: 'load', entityId: saved.id, action: 'load.update' } });
    expect(audit[0]!.changes).toMatchObject({ 'wasteItems.0.wasteDescription': { from: 'Soil and stones', to: 'Regraded: soil' } });
  });

  it('refuses sites the actor does not work at, and roles that may not log loads', async () => {
    await expect(
      saveLoad({ actor: clerk, input: { id: randomUUID(), siteId: otherSiteId, expectedVersion: null, intent: 'send', form: form() } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const admin: Actor = { ...clerk, id: randomUUID(), roles: ['ADMIN'] };
    await expect(send(admin, form())).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('saving to send now', () => {
  it('leases the send to the saving request, so no worker takes it first; an unused lease runs out to the queue', async () => {
    const saved = await saveLoad({ actor: clerk, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'send', form: form() }, sendNow: true });
    expect(saved.sendClaim).toMatchObject({ attempts: 1, postInFlight: false });
    // A worker looking for work now finds nothing of this load's.
    expect(await claimJobs({ workerId: 'test-worker', limit: 1000, loadId: saved.id })).toEqual([]);
    const result = await deliverLoad({ loadId: saved.id, claim: saved.sendClaim });
    expect(result.status).toBe('SENT');
    expect(sandbox.movements.get(result.wasteTrackingId!)).toBeDefined();
    expect(await db().deliveryJob.findUnique({ where: { loadId: saved.id } })).toBeNull();

    // Saved but never sent (the request died): once the lease runs out, the queue has it.
    const orphan = await saveLoad({ actor: clerk, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'send', form: form() }, sendNow: true });
    expect(orphan.sendClaim).toBeTruthy();
    await db().deliveryJob.update({ where: { loadId: orphan.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    const [job] = await claimJobs({ workerId: 'test-worker', limit: 1, loadId: orphan.id });
    expect(job).toMatchObject({ loadId: orphan.id, postInFlight: false });
  });

  it('does not lease a send a worker holds (an earlier version in flight): the correction waits for that worker', async () => {
    const saved = await send(clerk, form());
    const [held] = await claimJobs({ workerId: 'busy-worker', limit: 1, loadId: saved.id });
    expect(held).toBeTruthy();
    const again = await saveLoad({
      actor: clerk,
      input: {
        id: saved.id,
        siteId,
        expectedVersion: saved.version,
        intent: 'send',
        correctionReason: 'Description rechecked with the driver',
        form: form((f) => (f.wasteItems[0]!.wasteDescription = 'Soil and stones, rechecked')),
      },
      sendNow: true,
    });
    expect(again.sendClaim).toBeUndefined();
    expect(await db().deliveryJob.findUnique({ where: { loadId: saved.id } })).toMatchObject({ lockedBy: 'busy-worker' });
  });
});

describe('sending a saved load to DWT', () => {
  it('stores the waste tracking id DWT returns, and sends a correction as a PUT of the whole record', async () => {
    const saved = await send(clerk, form());
    const result = await deliverLoad({ loadId: saved.id });
    expect(result.status).toBe('SENT');
    expect(result.wasteTrackingId).toMatch(/^\d{2}[A-Z0-9]{6,}$/);
    expect(sandbox.movements.get(result.wasteTrackingId!)).toBeDefined();

    const corrected = await saveLoad({
      actor: manager,
      input: {
        id: saved.id,
        siteId,
        expectedVersion: 1,
        intent: 'send',
        correctionReason: 'The recovery code came with the paperwork',
        form: form((f) => {
          f.wasteItems[0]!.disposalOrRecoveryCodes = [{ code: 'R3', weight: { metric: 'Tonnes', amount: '8.2', isEstimate: false } }];
        }),
      },
    });
    expect(corrected.status).toBe('PENDING');
    const put = await deliverLoad({ loadId: saved.id });
    expect(put).toMatchObject({ status: 'SENT', wasteTrackingId: result.wasteTrackingId });
    expect(sandbox.movements.get(result.wasteTrackingId!)!.updates).toBe(1);
    const attempts = await db().sendAttempt.findMany({ where: { loadId: saved.id }, orderBy: { at: 'asc' } });
    expect(attempts.map((a) => [a.method, a.outcome, a.version])).toEqual([
      ['POST', 'created', 1],
      ['PUT', 'updated', 2],
    ]);
  });

  it('checks a correction saved "as a draft" to a load DWT holds, since it will be sent all the same', async () => {
    const saved = await send(clerk, form());
    await deliverLoad({ loadId: saved.id });
    const draft = (mutate: (f: ReturnType<typeof form>) => void, expectedVersion: number) =>
      saveLoad({
        actor: manager,
        input: { id: saved.id, siteId, expectedVersion, intent: 'draft', correctionReason: 'Description corrected', form: form(mutate) },
      });
    await expect(draft((f) => (f.carrier.organisationName = ''), 1)).rejects.toMatchObject({
      fieldErrors: { 'carrier.organisationName': [expect.any(String)] },
    });
    expect((await db().load.findUniqueOrThrow({ where: { id: saved.id } })).version).toBe(1);
    expect(await draft((f) => (f.wasteItems[0]!.wasteDescription = 'Mixed rubble, corrected'), 1)).toMatchObject({ status: 'PENDING', version: 2 });
  });

  it('collapses corrections made while waiting into one PUT of the latest version', async () => {
    const saved = await send(clerk, form());
    const { wasteTrackingId } = await deliverLoad({ loadId: saved.id });
    for (const [v, description] of [
      [1, 'First regrade'],
      [2, 'Second regrade'],
    ] as const) {
      await saveLoad({
        actor: manager,
        input: {
          id: saved.id,
          siteId,
          expectedVersion: v,
          intent: 'send',
          correctionReason: description,
          form: form((f) => {
            f.wasteItems[0]!.wasteDescription = description;
          }),
        },
      });
    }
    expect(await db().deliveryJob.count({ where: { loadId: saved.id } })).toBe(1);
    expect((await deliverLoad({ loadId: saved.id })).status).toBe('SENT');
    const attempts = await db().sendAttempt.findMany({ where: { loadId: saved.id }, orderBy: { at: 'asc' } });
    expect(attempts.map((a) => [a.method, a.version])).toEqual([
      ['POST', 1],
      ['PUT', 3],
    ]);
    const stored = sandbox.movements.get(wasteTrackingId!)!.body as { wasteItems: { wasteDescription: string }[] };
    expect(stored.wasteItems[0]!.wasteDescription).toBe('Second regrade');
  });

  it('keeps DWT’s warnings (no disposal or recovery code yet)', async () => {
    const saved = await send(
      clerk,
      form((f) => {
        f.wasteItems[0]!.disposalOrRecoveryCodes = [];
      }),
    );
    const result = await deliverLoad({ loadId: saved.id });
    expect(result.status).toBe('SENT');
    expect(result.warnings.map((w) => w.key)).toEqual(['wasteItems.0.disposalOrRecoveryCodes']);
  });

  it('keeps the load waiting to send when DWT is down, and sends it once DWT is back', async () => {
    await sandbox.setKnobs({ down: '503' });
    const saved = await send(clerk, form());
    expect((await deliverLoad({ loadId: saved.id })).status).toBe('CHECK_NEEDED');
    await sandbox.setKnobs({ down: 'refuse' });
    const refused = await send(clerk, form());
    expect((await deliverLoad({ loadId: refused.id })).status).toBe('PENDING');
    await sandbox.setKnobs({ down: false });
    expect((await deliverLoad({ loadId: refused.id })).status).toBe('SENT');
  });

  it('never resends a POST that may have been stored: the load needs a check', async () => {
    await sandbox.setKnobs({ dropAfterReadingPost: true });
    const before = sandbox.stats().postAttempts;
    const saved = await send(clerk, form());
    const result = await deliverLoad({ loadId: saved.id });
    expect(result.status).toBe('CHECK_NEEDED');
    expect(sandbox.stats().postAttempts - before).toBe(1);
    expect((await deliverLoad({ loadId: saved.id })).status).toBe('CHECK_NEEDED');
    expect(sandbox.stats().postAttempts - before).toBe(1);
    // A correction saved meanwhile is kept, but does not send the load again before a manager decides.
    await sandbox.setKnobs({ dropAfterReadingPost: false });
    const corrected = await saveLoad({
      actor: manager,
      input: {
        id: saved.id,
        siteId,
        expectedVersion: 1,
        intent: 'send',
        correctionReason: 'Description was wrong',
        form: form((f) => {
          f.wasteItems[0]!.wasteDescription = 'Corrected';
        }),
      },
    });
    expect(corrected.status).toBe('CHECK_NEEDED');
    expect((await deliverLoad({ loadId: saved.id })).status).toBe('CHECK_NEEDED');
    expect(sandbox.stats().postAttempts - before).toBe(1);
  });
});

describe('a correction says why (issue 12)', () => {
  const correct = (actor: Actor, id: string, expectedVersion: number, correctionReason: string | undefined, change: (f: LoadFormValues) => void) =>
    saveLoad({ actor, input: { id, siteId, expectedVersion, intent: 'send', correctionReason, form: form(change) } });

  it('refuses a correction of a saved load without a reason, and keeps the reason in the audit entry', async () => {
    const saved = await send(clerk, form());
    await deliverLoad({ loadId: saved.id });
    const refused = await correct(manager, saved.id, 1, '   ', (f) => {
      f.wasteItems[0]!.wasteDescription = 'Regraded';
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ correctionReason: ['Enter why you are correcting this load'] });
    expect((await db().load.findUniqueOrThrow({ where: { id: saved.id } })).version).toBe(1);

    await correct(manager, saved.id, 1, '  Driver’s note said regraded soil  ', (f) => {
      f.wasteItems[0]!.wasteDescription = 'Regraded';
    });
    const [entry] = await db().auditEntry.findMany({ where: { entityType: 'load', entityId: saved.id, action: 'load.update' } });
    expect(entry!.changes).toMatchObject({
      correctionReason: 'Driver’s note said regraded soil',
      'wasteItems.0.wasteDescription': { from: 'Soil and stones', to: 'Regraded' },
    });
  });

  it('bounds the reason', async () => {
    const saved = await send(clerk, form());
    const tooLong = await correct(manager, saved.id, 1, 'x'.repeat(501), () => {}).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ name: 'ZodError' });
  });

  it('needs no reason to finish a draft, or for a clerk fixing their own load DWT refused and never held', async () => {
    const draft = await saveLoad({ actor: clerk, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'draft', form: form() } });
    await expect(correct(clerk, draft.id, 1, undefined, () => {})).resolves.toMatchObject({ status: 'PENDING', version: 2 });

    const refused = await send(clerk, form());
    await db().load.update({ where: { id: refused.id }, data: { status: 'NEEDS_ATTENTION' } });
    await expect(
      correct(clerk, refused.id, 1, undefined, (f) => {
        f.wasteItems[0]!.wasteDescription = 'Fixed';
      }),
    ).resolves.toMatchObject({ version: 2 });
    // Someone else's correction of that load is a correction.
    await expect(correct(manager, refused.id, 2, undefined, () => {})).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('codes to follow and the net weight (issue 12)', () => {
  it('marks a load saved without disposal or recovery codes, and a correction that adds them clears it', async () => {
    const saved = await send(
      clerk,
      form((f) => {
        f.wasteItems[0]!.disposalOrRecoveryCodes = [];
      }),
    );
    const before = await db().load.findUniqueOrThrow({ where: { id: saved.id } });
    expect(before.codesToFollow).toBe(true);
    expect([before.netWeight?.toString(), before.weightUnit]).toEqual(['8.2', 'Tonnes']);
    await deliverLoad({ loadId: saved.id });
    await saveLoad({
      actor: manager,
      input: {
        id: saved.id,
        siteId,
        expectedVersion: 1,
        intent: 'send',
        correctionReason: 'Recovery code arrived',
        form: form((f) => {
          f.wasteItems[0]!.disposalOrRecoveryCodes = [{ code: 'R5', weight: { metric: 'Tonnes', amount: '8.2', isEstimate: false } }];
        }),
      },
    });
    expect((await db().load.findUniqueOrThrow({ where: { id: saved.id } })).codesToFollow).toBe(false);
  });
});
