// A load's history (audit entries with people's names, scoped to the actor's sites), who may correct
// it, a correction DWT answers with 404 ("does not know this waste tracking id") sent again as new, and
// a load sent again after an unanswered send, marked as a possible duplicate in its history, on its
// ticket and in exports.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { deliverLoad, recordWasteTrackingId, sendAgainAsNew } from '@/lib/delivery/service';
import { DEFAULT_KNOBS, startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { createSite } from '@/lib/sites/service';
import { ensureUser } from '@/lib/users/service';
import { pointAppAt } from '@/test/dwt-env';
import { loadForm, RECEIVING_SITE } from '@/test/load-fixtures';
import type { LoadFormValues } from './schema';
import { exportRecords } from '@/lib/records/export';
import { EXPORT_COLUMNS } from '@/lib/records/export-format';
import { parseCsv } from '@/test/zip-reader';
import { getLoadHistory } from './history';
import { getLoadTicket } from './ticket-service';
import { mayCorrectLoad, saveLoad } from './service';

let sandbox: DwtSandbox;
let siteId: string;
let clerk: Actor;
let otherClerk: Actor;
let manager: Actor;
let admin: Actor;
let elsewhere: Actor;

async function person(name: string, roles: Actor['roles'], siteIds: string[]): Promise<Actor> {
  const email = `${randomUUID().slice(0, 8)}@history.test`;
  const { user } = await ensureUser({ actor: systemActor(siteIds), input: { name, email, password: 'a-long-enough-password', roles, siteIds } });
  return { id: user.id, email, name, roles, siteIds };
}

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0 });
  pointAppAt(sandbox);
  const site = await createSite({ actor: systemActor(), input: { name: `History IT ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE } });
  const other = await createSite({ actor: systemActor(), input: { name: `Elsewhere ${randomUUID().slice(0, 6)}` } });
  siteId = site.id;
  clerk = await person('Hilda Clerk', ['CLERK'], [siteId]);
  otherClerk = await person('Otto Clerk', ['CLERK'], [siteId]);
  manager = await person('Mina Manager', ['MANAGER'], [siteId]);
  admin = await person('Abe Admin', ['ADMIN'], [siteId]);
  elsewhere = await person('Elsa Elsewhere', ['MANAGER'], [other.id]);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await sandbox.setKnobs(DEFAULT_KNOBS);
});

function form(weight = '1.5', change: (f: LoadFormValues) => void = () => {}): LoadFormValues {
  const f = loadForm();
  f.wasteItems[0] = {
    ...f.wasteItems[0]!,
    weightMode: 'single',
    weight: { metric: 'Tonnes', amount: weight, isEstimate: false },
    // The codes' weights add up to the net weight (issue 12).
    disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Tonnes', amount: weight, isEstimate: false } }],
  };
  change(f);
  return f;
}

const save = (actor: Actor, f: LoadFormValues, id: string = randomUUID(), expectedVersion: number | null = null, intent: 'send' | 'draft' = 'send') =>
  saveLoad({ actor, input: { id, siteId, expectedVersion, intent, form: f, correctionReason: expectedVersion === null ? undefined : 'Weighed again' } });

describe('a load’s history', () => {
  it('lists every audit entry newest first, with the names of the people who made them', async () => {
    const saved = await save(clerk, form('1.5'));
    await save(manager, form('2.0'), saved.id, 1);
    const history = await getLoadHistory({ actor: clerk, input: { id: saved.id } });
    expect(history.map((h) => [h.action, h.actorName])).toEqual([
      ['load.update', 'Mina Manager'],
      ['load.create', 'Hilda Clerk'],
    ]);
    expect(history[0]!.changes).toMatchObject({ 'wasteItems.0.weight.amount': { from: '1.5', to: '2.0' } });
    // An administrator of the site may read it too.
    expect(await getLoadHistory({ actor: admin, input: { id: saved.id } })).toHaveLength(2);
  });

  it('says "System" for entries the app made itself', async () => {
    const saved = await save(systemActor([siteId]), form());
    const [entry] = await getLoadHistory({ actor: manager, input: { id: saved.id } });
    expect(entry).toMatchObject({ action: 'load.create', actorName: 'System' });
  });

  it('is not shown to people of other sites, nor for loads that do not exist', async () => {
    const saved = await save(clerk, form());
    await expect(getLoadHistory({ actor: elsewhere, input: { id: saved.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getLoadHistory({ actor: manager, input: { id: randomUUID() } })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('who may correct a load', () => {
  it('managers any load; clerks their own until it is sent; administrators none', async () => {
    const draft = await save(clerk, form(), randomUUID(), null, 'draft');
    const row = await db().load.findUniqueOrThrow({ where: { id: draft.id } });
    expect(mayCorrectLoad(clerk, row).ok).toBe(true);
    expect(mayCorrectLoad(manager, row).ok).toBe(true);
    expect(mayCorrectLoad(otherClerk, row)).toEqual({ ok: false, reason: 'You can only change loads you logged. Ask a manager.' });
    expect(mayCorrectLoad(admin, row).ok).toBe(false);

    const sent = await save(clerk, form());
    await deliverLoad({ loadId: sent.id });
    const sentRow = await db().load.findUniqueOrThrow({ where: { id: sent.id } });
    expect(sentRow.status).toBe('SENT');
    expect(mayCorrectLoad(clerk, sentRow)).toEqual({ ok: false, reason: 'This load has been sent to DWT. Ask a manager to correct it.' });
    expect(mayCorrectLoad(manager, sentRow).ok).toBe(true);
    // And the server holds to it.
    await expect(save(clerk, form('9'), sent.id, sentRow.version)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('a correction DWT does not know (404 on PUT)', () => {
  it('needs attention with a plain explanation, and a manager sends it again as new; the old id stays in the history', async () => {
    const saved = await save(clerk, form('1.5'));
    const first = await deliverLoad({ loadId: saved.id });
    const oldId = first.wasteTrackingId!;
    sandbox.forgetMovement(oldId);

    await save(manager, form('1.75'), saved.id, 1);
    const put = await deliverLoad({ loadId: saved.id });
    expect(put).toMatchObject({ status: 'NEEDS_ATTENTION', wasteTrackingId: oldId });
    expect(put.errors.map((e) => e.message)).toEqual(['DWT does not know this waste tracking id']);
    expect(put.message).toMatch(/^DWT does not know this waste tracking id/);
    const attempts = await db().sendAttempt.findMany({ where: { loadId: saved.id }, orderBy: { at: 'asc' } });
    expect(attempts.map((a) => [a.method, a.outcome, a.httpStatus])).toEqual([
      ['POST', 'created', 201],
      ['PUT', 'not-found', 404],
    ]);

    await expect(sendAgainAsNew({ actor: clerk, input: { loadId: saved.id } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sendAgainAsNew({ actor: elsewhere, input: { loadId: saved.id } })).rejects.toBeInstanceOf(ForbiddenError);
    await sendAgainAsNew({ actor: manager, input: { loadId: saved.id } });
    const again = await deliverLoad({ loadId: saved.id });
    expect(again.status).toBe('SENT');
    expect(again.wasteTrackingId).not.toBe(oldId);
    const stored = sandbox.movements.get(again.wasteTrackingId!)!.body as { wasteItems: { weight: { amount: number } }[] };
    expect(stored.wasteItems[0]!.weight.amount).toBe(1.75);

    const [latest] = await getLoadHistory({ actor: manager, input: { id: saved.id } });
    expect(latest).toMatchObject({
      action: 'load.send-again-as-new',
      actorName: 'Mina Manager',
      changes: { wasteTrackingId: { from: oldId, to: null }, status: { from: 'NEEDS_ATTENTION', to: 'PENDING' } },
    });
    // Decided once: a second "send as new" is refused.
    await expect(sendAgainAsNew({ actor: manager, input: { loadId: saved.id } })).rejects.toBeInstanceOf(ConflictError);
  });

  it('is not offered when DWT refused the correction with errors: that needs correcting, not a second POST', async () => {
    const saved = await save(clerk, form());
    await deliverLoad({ loadId: saved.id });
    await sandbox.setKnobs({ withdrawnEwcCodes: ['170504'] });
    await save(manager, form('1.6'), saved.id, 1);
    const refused = await deliverLoad({ loadId: saved.id });
    expect(refused.status).toBe('NEEDS_ATTENTION');
    expect(refused.wasteTrackingId).toBeTruthy();
    await expect(sendAgainAsNew({ actor: manager, input: { loadId: saved.id } })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('a load sent again after DWT did not answer (check needed)', () => {
  it('is marked as a possible duplicate at DWT in its history, on its ticket and in exports; other loads are not', async () => {
    await sandbox.setKnobs({ dropAfterReadingPost: true });
    const saved = await save(clerk, form('2.25'));
    const first = await deliverLoad({ loadId: saved.id });
    expect(first.status).toBe('CHECK_NEEDED');
    await sandbox.setKnobs({ dropAfterReadingPost: false });
    const unanswered = await db().sendAttempt.findFirstOrThrow({ where: { loadId: saved.id, outcome: 'ambiguous' } });
    const reference = (await db().load.findUniqueOrThrow({ where: { id: saved.id } })).ticketNumber;

    await sendAgainAsNew({ actor: manager, input: { loadId: saved.id } });
    const row = await db().load.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.possibleDuplicateAt).toEqual(unanswered.at);
    const again = await deliverLoad({ loadId: saved.id });
    expect(again.status).toBe('SENT');
    // DWT really does hold it twice: nothing refused the second POST with the same reference.
    expect([...sandbox.movements.values()].filter((m) => (m.body as { yourUniqueReference?: string }).yourUniqueReference === reference)).toHaveLength(2);

    // History: the decision, who took it, and why it may be a duplicate.
    const history = await getLoadHistory({ actor: manager, input: { id: saved.id } });
    const decision = history.find((e) => e.action === 'load.send-again-possible-duplicate');
    expect(decision).toMatchObject({
      actorName: 'Mina Manager',
      changes: {
        status: { from: 'CHECK_NEEDED', to: 'PENDING' },
        possibleDuplicate: expect.stringMatching(/^DWT may hold two records of this load: the send at .+ \(UK time\) got no answer/),
      },
    });

    // Ticket.
    const { ticket } = await getLoadTicket({ actor: manager, input: { id: saved.id } });
    expect(ticket.possibleDuplicateAt).toEqual(unanswered.at);
    expect(ticket.wasteTrackingId).toBe(again.wasteTrackingId);

    // Export: a column with the unanswered send's UK time, empty for a load sent once.
    const plain = await save(clerk, form('3'));
    await deliverLoad({ loadId: plain.id });
    const file = await exportRecords({ actor: manager, input: { filters: {}, format: 'csv' } });
    const chunks: Buffer[] = [];
    const reader = file.stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(Buffer.from(r.value));
    const [header, ...rows] = parseCsv(Buffer.concat(chunks).toString('utf8').slice(1));
    const col = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key);
    expect(header![col('possibleDuplicate')]).toBe('Possible duplicate at DWT: unanswered send (UK)');
    const cell = (ticketNumber: string) => rows.find((r) => r[col('ticketNumber')] === ticketNumber)?.[col('possibleDuplicate')];
    expect(cell(reference)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cell(reference)).toBe(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .format(unanswered.at)
        .replace(',', ''),
    );
    const plainRow = await db().load.findUniqueOrThrow({ where: { id: plain.id } });
    expect(cell(plainRow.ticketNumber)).toBe('');
    expect(plainRow.possibleDuplicateAt).toBeNull();
  });

  it('is not marked when the manager records DWT’s id, or when DWT said it does not know the id (404)', async () => {
    await sandbox.setKnobs({ dropAfterReadingPost: true });
    const saved = await save(clerk, form('4'));
    expect((await deliverLoad({ loadId: saved.id })).status).toBe('CHECK_NEEDED');
    await sandbox.setKnobs({ dropAfterReadingPost: false });
    const [stored] = [...sandbox.movements.values()].slice(-1);
    await recordWasteTrackingId({ actor: manager, input: { loadId: saved.id, wasteTrackingId: stored!.wasteTrackingId } });
    expect((await db().load.findUniqueOrThrow({ where: { id: saved.id } })).possibleDuplicateAt).toBeNull();
    const history = await getLoadHistory({ actor: manager, input: { id: saved.id } });
    expect(history.some((e) => e.action === 'load.send-again-possible-duplicate')).toBe(false);
  });
});
