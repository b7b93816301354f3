// Customers' data rights against a real PostgreSQL: finding a person at every site, exporting, erasing
// (the person's name, email and phone end up in no table, no export and no log line), retention.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveParty } from '@/lib/address-book/service';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { deliverLoad } from '@/lib/delivery/service';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import type { LoadFormValues } from '@/lib/loads/schema';
import { saveLoad } from '@/lib/loads/service';
import { exportRecords } from '@/lib/records/export';
import { createSite } from '@/lib/sites/service';
import { pointAppAt } from '@/test/dwt-env';
import { loadForm, RECEIVING_SITE } from '@/test/load-fixtures';
import { readZip } from '@/test/zip-reader';
import { anonymiseExpiredLoads, erasePersonalData, exportPersonalData, exportToCsv, findPersonalData, monthsBefore, saveRetention } from './service';

let sandbox: DwtSandbox;
let siteA: string;
let siteB: string;
let clerkA: Actor;
let clerkB: Actor;
let manager: Actor;
const admin: Actor = { id: randomUUID(), email: 'admin@it.test', name: 'Admin', roles: ['ADMIN'], siteIds: [] };

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0 });
  pointAppAt(sandbox, {
    LOG_LEVEL: 'debug', // every line the code can write is captured and checked
  });
  siteA = (await createSite({ actor: systemActor(), input: { name: `Rights A ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE } })).id;
  siteB = (await createSite({ actor: systemActor(), input: { name: `Rights B ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE } })).id;
  clerkA = { id: randomUUID(), email: 'c@it.test', name: 'Clerk', roles: ['CLERK'], siteIds: [siteA] };
  clerkB = { ...clerkA, id: randomUUID(), siteIds: [siteB] };
  manager = { id: randomUUID(), email: 'm@it.test', name: 'Manager', roles: ['MANAGER'], siteIds: [siteA, siteB] };
});

afterAll(async () => {
  await sandbox.close();
});

/** A person nobody else in the database shares anything with. */
function person() {
  const tag = randomUUID().replace(/-/g, '').slice(0, 8);
  const letters = tag
    .replace(/[^a-z]/g, 'q')
    .slice(0, 3)
    .toUpperCase();
  const digits = String(randomInt(10000, 99999));
  return {
    name: `Zebedee Quill ${tag}`,
    email: `zq.${tag}@example.org`,
    phone: `07700 9${digits}`,
    phoneDigits: `077009${digits}`,
    vehicle: `ZQ${String(randomInt(10, 99))} ${letters}`,
    address: `${randomInt(100, 999)} Quill Lane, Leeds`,
  };
}
type Person = ReturnType<typeof person>;

function asCarrier(p: Person, f: LoadFormValues, addressBookId = '') {
  f.carrier = {
    ...f.carrier,
    addressBookId,
    organisationName: p.name,
    emailAddress: p.email,
    phoneNumber: p.phone,
    vehicleRegistration: p.vehicle,
    address: { fullAddress: p.address, postcode: 'LS1 4AB' },
  };
}

const save = (actor: Actor, siteId: string, f: LoadFormValues, intent: 'send' | 'draft', id: string = randomUUID(), expectedVersion: number | null = null) =>
  saveLoad({ actor, input: { id, siteId, expectedVersion, intent, form: f, correctionReason: expectedVersion === null ? undefined : 'Corrected' } });

/** Every row of every table of the public schema, as text. */
async function dumpDatabase(): Promise<string[]> {
  const tables = await db().$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const rows: string[] = [];
  for (const { table_name } of tables) {
    const out = await db().$queryRawUnsafe<{ t: string }[]>(`SELECT t::text AS t FROM "${table_name.replace(/"/g, '""')}" t`);
    rows.push(...out.map((r) => `${table_name}: ${r.t}`));
  }
  return rows;
}

/** The texts that must be gone, and a test of one text against them (the phone in any spacing). */
function traces(p: Person) {
  const needles = [p.name, p.email, p.phone, p.phoneDigits, p.phone.replace(/ /g, '')].map((s) => s.toLowerCase());
  return (text: string) => {
    const lower = text.toLowerCase();
    const hits = needles.filter((n) => lower.includes(n));
    if (text.replace(/\D+/g, '').includes(p.phoneDigits.slice(1))) hits.push('phone digits');
    return hits;
  };
}

describe('finding a person', () => {
  it('finds them in the address book, on loads (with their role) and not elsewhere, by name, email, phone or vehicle', async () => {
    const p = person();
    const entry = await saveParty({
      actor: clerkA,
      input: {
        siteId: siteA,
        kind: 'CARRIER',
        organisationName: p.name,
        registrationNumber: 'CBDU123456',
        emailAddress: p.email,
        phoneNumber: p.phone,
        vehicleRegistrations: [p.vehicle],
      },
    });
    const f = loadForm();
    asCarrier(p, f, entry.entry.id);
    const load = await save(clerkA, siteA, f, 'draft');
    const other = await save(clerkA, siteA, loadForm(), 'draft');

    for (const [by, value] of [
      ['name', p.name.split(' ').slice(1).join(' ').toUpperCase()],
      ['email', p.email.toUpperCase()],
      ['phone', `+44 ${p.phone.slice(1)}`],
      ['vehicle', p.vehicle.toLowerCase().replace(' ', '')],
    ] as const) {
      const found = await findPersonalData({ actor: admin, input: { by, value } });
      expect(
        found.entries.map((e) => e.id),
        by,
      ).toEqual([entry.entry.id]);
      expect(
        found.loads.map((l) => l.id),
        by,
      ).toEqual([load.id]);
      expect(found.loads[0]!.roles.map((r) => r.role)).toEqual(['carrier']);
      expect(found.loads[0]!.unsentDraft).toBe(true);
      expect(found.loads.map((l) => l.id)).not.toContain(other.id);
    }
  });

  it('finds staff accounts by name or email', async () => {
    const tag = randomUUID().slice(0, 8);
    const user = await db().user.create({ data: { email: `staff.${tag}@it.test`, name: `Staffer ${tag}`, passwordHash: 'x', roles: ['CLERK'] } });
    const found = await findPersonalData({ actor: admin, input: { by: 'email', value: user.email } });
    expect(found.users.map((u) => u.id)).toEqual([user.id]);
    expect((await findPersonalData({ actor: admin, input: { by: 'name', value: `staffer ${tag}` } })).users).toHaveLength(1);
  });

  it('is refused to clerks and managers on the server', async () => {
    for (const actor of [clerkA, manager]) {
      await expect(findPersonalData({ actor, input: { by: 'name', value: 'Anyone' } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(erasePersonalData({ actor, input: { by: 'name', value: 'Anyone', entryIds: [], loadIds: [], confirmed: true } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(saveRetention({ actor, input: { enabled: false } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(anonymiseExpiredLoads({ actor })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('erasing a person', () => {
  it('leaves their name, email and phone in no table, no export and no log line, deletes unsent drafts and keeps the waste facts', async () => {
    const lines: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
        lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      }) as never);
    const spies = [capture(process.stdout), capture(process.stderr)];
    try {
      const p = person();
      const has = traces(p);

      // The address book of two sites.
      const carrierEntry = await saveParty({
        actor: clerkA,
        input: {
          siteId: siteA,
          kind: 'CARRIER',
          organisationName: p.name,
          registrationNumber: 'CBDU123456',
          emailAddress: p.email,
          phoneNumber: p.phone,
          fullAddress: p.address,
          postcode: 'LS1 4AB',
          vehicleRegistrations: [p.vehicle],
        },
      });
      await saveParty({
        actor: clerkA,
        input: {
          ...{ siteId: siteA, kind: 'CARRIER', registrationNumber: 'CBDU123456' },
          id: carrierEntry.entry.id,
          organisationName: p.name,
          phoneNumber: '07700 900000',
          emailAddress: p.email,
          vehicleRegistrations: [],
        },
      });
      await saveParty({
        actor: clerkA,
        input: {
          siteId: siteA,
          kind: 'CARRIER',
          id: carrierEntry.entry.id,
          organisationName: p.name,
          registrationNumber: 'CBDU123456',
          emailAddress: p.email,
          phoneNumber: p.phone,
          fullAddress: p.address,
          postcode: 'LS1 4AB',
        },
      });
      const brokerEntry = await saveParty({
        actor: clerkB,
        input: { siteId: siteB, kind: 'BROKER_DEALER', organisationName: p.name, emailAddress: p.email, phoneNumber: p.phone },
      });

      // A load sent to DWT, with the person as carrier.
      const sentForm = loadForm();
      asCarrier(p, sentForm, carrierEntry.entry.id);
      const sent = await save(clerkA, siteA, sentForm, 'send');
      const delivered = await deliverLoad({ loadId: sent.id });
      expect(delivered.status).toBe('SENT');

      // A load corrected to them (so the audit diff holds their name, email and phone), not yet sent,
      // with their phone typed into the free text too.
      const corrected = await save(clerkA, siteA, loadForm(), 'draft');
      const correctedForm = loadForm();
      asCarrier(p, correctedForm);
      correctedForm.specialHandlingRequirements = `Ring ${p.phone} before tipping`;
      await save(clerkA, siteA, correctedForm, 'send', corrected.id, corrected.version);
      const correctionAudit = await db().auditEntry.findFirstOrThrow({ where: { entityId: corrected.id, action: 'load.update' } });
      expect(has(JSON.stringify(correctionAudit.changes))).toEqual(expect.arrayContaining([p.email.toLowerCase(), p.phone.toLowerCase()]));

      // A draft never sent, at the other site, with them as broker.
      const draftForm = loadForm();
      draftForm.hasBrokerOrDealer = true;
      draftForm.brokerOrDealer = {
        ...draftForm.brokerOrDealer,
        addressBookId: brokerEntry.entry.id,
        organisationName: p.name,
        emailAddress: p.email,
        phoneNumber: p.phone,
      };
      const draft = await save(clerkB, siteB, draftForm, 'draft');

      // Someone else's load, which must not change.
      const unrelated = await save(clerkA, siteA, loadForm(), 'draft');
      const unrelatedBefore = await db().load.findUniqueOrThrow({ where: { id: unrelated.id } });
      const sentBefore = await db().load.findUniqueOrThrow({ where: { id: sent.id } });

      // What the admin finds and exports.
      const found = await findPersonalData({ actor: admin, input: { by: 'email', value: p.email } });
      expect(found.entries.map((e) => e.id).sort()).toEqual([carrierEntry.entry.id, brokerEntry.entry.id].sort());
      expect(found.loads.map((l) => l.id).sort()).toEqual([sent.id, corrected.id, draft.id].sort());
      const exported = await exportPersonalData({ actor: admin, input: { by: 'email', value: p.email } });
      expect(has(JSON.stringify(exported))).not.toEqual([]);
      expect(has(exportToCsv(exported))).not.toEqual([]);
      expect(exportToCsv(exported).trim().split('\r\n')).toHaveLength(1 + 2 + 3);

      // A stale confirmation is refused.
      await expect(
        erasePersonalData({
          actor: admin,
          input: { by: 'email', value: p.email, entryIds: [carrierEntry.entry.id], loadIds: found.loads.map((l) => l.id), confirmed: true },
        }),
      ).rejects.toBeInstanceOf(ConflictError);

      const summary = await erasePersonalData({
        actor: admin,
        input: { by: 'email', value: p.email, entryIds: found.entries.map((e) => e.id), loadIds: found.loads.map((l) => l.id), confirmed: true },
      });
      expect(summary).toMatchObject({ entriesDeleted: 2, loadsAnonymised: 2, draftsDeleted: 1 });
      expect(summary.auditEntriesScrubbed).toBeGreaterThanOrEqual(4);

      // No table holds them.
      const leaks = (await dumpDatabase()).filter((row) => has(row).length > 0);
      expect(leaks).toEqual([]);

      // No export: the search finds nothing, and the remaining loads' JSON holds nothing of them.
      for (const [by, value] of [
        ['email', p.email],
        ['name', p.name],
        ['phone', p.phone],
        ['vehicle', p.vehicle],
      ] as const) {
        const after = await exportPersonalData({ actor: admin, input: { by, value } });
        expect([after.entries, after.loads, after.users].flat(), by).toEqual([]);
        // The export echoes the admin's own search term; everything it found is checked.
        expect(has(JSON.stringify({ ...after, query: null })).concat(has(exportToCsv(after)))).toEqual([]);
      }
      const remaining = await db().load.findMany({ where: { id: { in: [sent.id, corrected.id] } } });
      expect(has(JSON.stringify(remaining))).toEqual([]);
      // Nor the manager's records export of both sites, in any format (the .xlsx unzipped).
      for (const format of ['csv', 'json', 'xlsx'] as const) {
        const file = await exportRecords({ actor: manager, input: { filters: {}, format } });
        const bytes = Buffer.from(await new Response(file.stream).arrayBuffer());
        const text = format === 'xlsx' ? [...readZip(bytes).values()].map((b) => b.toString('utf8')).join('\n') : bytes.toString('utf8');
        expect(file.loads, format).toBeGreaterThanOrEqual(2);
        expect(has(text), format).toEqual([]);
      }

      // Drafts never sent are gone; the waste facts of the others are intact.
      expect(await db().load.findUnique({ where: { id: draft.id } })).toBeNull();
      const sentAfter = remaining.find((l) => l.id === sent.id)!;
      expect(sentAfter).toMatchObject({
        status: 'SENT',
        wasteTrackingId: sentBefore.wasteTrackingId,
        ticketNumber: sentBefore.ticketNumber,
        receivedAt: sentBefore.receivedAt,
        ewcCodes: sentBefore.ewcCodes,
        carrierName: 'Erased',
        vehicleRegistration: null,
      });
      const m = sentAfter.movement as { wasteItems: unknown[]; carrier: Record<string, unknown>; dateTimeReceived: string };
      const mBefore = sentBefore.movement as typeof m;
      expect(m.wasteItems).toEqual(mBefore.wasteItems);
      expect(m.dateTimeReceived).toBe(mBefore.dateTimeReceived);
      expect(m.carrier).toMatchObject({ organisationName: 'Erased', registrationNumber: 'CBDU123456', vehicleRegistration: 'ERASED' });
      expect(m.carrier).not.toHaveProperty('emailAddress');
      expect(await db().load.findUniqueOrThrow({ where: { id: unrelated.id } })).toEqual(unrelatedBefore);
      // The corrected load, not yet sent, will be sent anonymised.
      expect(await db().deliveryJob.findUnique({ where: { loadId: corrected.id } })).not.toBeNull();

      // The erasure itself is audited, with counts and ids only.
      const erasure = await db().auditEntry.findFirstOrThrow({ where: { action: 'data-request.erase', actorId: admin.id }, orderBy: { id: 'desc' } });
      expect(erasure.changes).toMatchObject({ entriesDeleted: { to: 2 }, draftsDeleted: { to: [draft.id] } });
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(lines.length).toBeGreaterThan(0); // the logger did write (the erasure's own line, at least)
    const p2 = lines.join('');
    expect(p2).toContain('personal data erased');
    // No log line holds them: checked against every line written during the test.
    const leakedLines = lines.filter((line) => /Zebedee Quill|zq\.[0-9a-f]{8}@example\.org|07700 9\d{5}/i.test(line));
    expect(leakedLines).toEqual([]);
  });
});

describe('retention of sent loads’ personal fields', () => {
  it('anonymises loads sent before the period, once, and nothing while it is off', async () => {
    const p = person();
    const make = async (sentAt: Date) => {
      const f = loadForm();
      asCarrier(p, f);
      const saved = await save(clerkA, siteA, f, 'draft');
      await db().load.update({
        where: { id: saved.id },
        data: { status: 'SENT', sentAt, sentVersion: 1, wasteTrackingId: `RT${randomUUID().slice(0, 8).toUpperCase()}` },
      });
      return saved.id;
    };
    // Far in the past, so loads of other tests running at once are never old enough.
    const now = new Date('2019-08-15T12:00:00Z');
    const old = await make(new Date('2019-01-10T12:00:00Z'));
    const recent = await make(new Date('2019-07-01T12:00:00Z'));

    await saveRetention({ actor: admin, input: { enabled: false } });
    expect(await anonymiseExpiredLoads({ now })).toEqual({ anonymised: 0, cutoff: null });

    await saveRetention({ actor: admin, input: { enabled: true, months: 6 } });
    try {
      const first = await anonymiseExpiredLoads({ now });
      expect(first.cutoff).toEqual(new Date('2019-02-15T12:00:00Z'));
      expect(first.anonymised).toBeGreaterThanOrEqual(1);
      const oldRow = await db().load.findUniqueOrThrow({ where: { id: old } });
      expect(traces(p)(JSON.stringify(oldRow))).toEqual([]);
      expect(oldRow).toMatchObject({ status: 'SENT', carrierName: 'Erased', ewcCodes: ['170504'] });
      const recentRow = await db().load.findUniqueOrThrow({ where: { id: recent } });
      expect(recentRow.carrierName).toBe(p.name);
      expect((await anonymiseExpiredLoads({ now })).anonymised).toBe(0);
      const audit = await db().auditEntry.findFirstOrThrow({ where: { action: 'data-retention.anonymise' }, orderBy: { id: 'desc' } });
      expect(JSON.stringify(audit.changes)).toContain(old);
    } finally {
      await saveRetention({ actor: admin, input: { enabled: false } });
    }
  });

  it('counts calendar months', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1)).toEqual(new Date('2026-02-28T10:00:00Z'));
    expect(monthsBefore(new Date('2026-11-22T00:00:00Z'), 12)).toEqual(new Date('2025-11-22T00:00:00Z'));
  });
});

describe('erasing only what is theirs (issue 11)', () => {
  it('rewrites only the erased records’ audit entries, whole words only, and never a status', async () => {
    const p = person();
    // A party whose name is also a status word, and a firm whose name contains another's.
    const sentName = 'Sent';
    const f = loadForm();
    asCarrier(p, f);
    f.carrier.organisationName = sentName;
    const theirs = await save(clerkA, siteA, f, 'send');
    const other = loadForm();
    other.carrier.organisationName = `Gold${sentName.toLowerCase()} Haulage Ltd`;
    const untouched = await save(clerkA, siteA, other, 'draft');
    const untouchedAudit = await db().auditEntry.findMany({ where: { entityId: untouched.id }, orderBy: { id: 'asc' } });

    const found = await findPersonalData({ actor: admin, input: { by: 'email', value: p.email } });
    expect(found.loads.map((l) => l.id)).toEqual([theirs.id]);
    await erasePersonalData({ actor: admin, input: { by: 'email', value: p.email, entryIds: [], loadIds: [theirs.id], confirmed: true } });

    // Their load's audit keeps its status; nothing of theirs is left in it.
    const created = await db().auditEntry.findFirstOrThrow({ where: { entityId: theirs.id, action: 'load.create' } });
    expect(JSON.stringify(created.changes)).toContain('"PENDING"');
    expect(traces(p)(JSON.stringify(created.changes))).toEqual([]);
    // Someone else's records, which merely contain the word, are not touched.
    expect(await db().auditEntry.findMany({ where: { entityId: untouched.id }, orderBy: { id: 'asc' } })).toEqual(untouchedAudit);
    expect((await db().load.findUniqueOrThrow({ where: { id: untouched.id } })).carrierName).toBe(`Gold${sentName.toLowerCase()} Haulage Ltd`);
  });

  it('scrubs DWT’s messages, the send attempts and the queue’s last error, which quote their values (postcode too)', async () => {
    const p = person();
    const f = loadForm();
    asCarrier(p, f);
    f.carrier.address = { fullAddress: p.address, postcode: 'LS6 2QZ' };
    const saved = await save(clerkA, siteA, f, 'draft');
    // What DWT and our own checks say about a refused load quotes what was typed.
    const quoted = `Carrier postcode "LS6 2QZ" and phone ${p.phone} for ${p.name}`;
    await db().load.update({
      where: { id: saved.id },
      data: { status: 'NEEDS_ATTENTION', dwtErrors: [{ key: 'carrier.address.postcode', message: quoted }], dwtWarnings: [{ message: `Check ${p.email}` }] },
    });
    await db().sendAttempt.create({
      data: { loadId: saved.id, method: 'POST', version: 1, outcome: 'rejected', httpStatus: 400, durationMs: 5, detail: { errors: [{ message: quoted }] } },
    });
    await db().deliveryJob.upsert({
      where: { loadId: saved.id },
      create: { loadId: saved.id, lastError: quoted },
      update: { lastError: quoted },
    });
    const found = await findPersonalData({ actor: admin, input: { by: 'email', value: p.email } });
    await erasePersonalData({ actor: admin, input: { by: 'email', value: p.email, entryIds: [], loadIds: found.loads.map((l) => l.id), confirmed: true } });

    const leaks = (await dumpDatabase()).filter((row) => traces(p)(row).length > 0 || row.includes('LS6 2QZ'));
    expect(leaks).toEqual([]);
    const attempt = await db().sendAttempt.findFirstOrThrow({ where: { loadId: saved.id } });
    expect((attempt.detail as { errors: { message: string }[] }).errors[0]!.message).toBe('Carrier postcode "Erased" and phone Erased for Erased');
  });

  it('erases a person on more loads than one search lists, in steps, saying how many remain', async () => {
    const p = person();
    const entry = await saveParty({
      actor: clerkA,
      input: { siteId: siteA, kind: 'CARRIER', organisationName: p.name, registrationNumber: 'CBDU123456', emailAddress: p.email, phoneNumber: p.phone },
    });
    const f = loadForm();
    asCarrier(p, f, entry.entry.id);
    const first = await save(clerkA, siteA, f, 'draft');
    await db().load.update({ where: { id: first.id }, data: { status: 'SENT', sentVersion: 1, sentAt: new Date() } });
    // 600 more copies of that load, every column copied whatever the table holds.
    await db().$executeRaw`
      INSERT INTO load
      SELECT (jsonb_populate_record(NULL::load, to_jsonb(l) || jsonb_build_object('id', gen_random_uuid(), 'ticket_number', l.ticket_number || '-' || g))).*
      FROM load l, generate_series(1, 600) g WHERE l.id = ${first.id}::uuid`;

    // A name can match other people: too broad to erase. The whole email address is exact: erased in steps.
    expect((await findPersonalData({ actor: admin, input: { by: 'name', value: p.name } })).tooBroad).toBe(true);
    const found = await findPersonalData({ actor: admin, input: { by: 'email', value: p.email } });
    expect(found).toMatchObject({ truncated: true, tooBroad: false, loadsTotal: 601 });
    expect(found.loads).toHaveLength(500);
    const input = {
      by: 'email' as const,
      value: p.email,
      entryIds: found.entries.map((e) => e.id),
      loadIds: found.loads.map((l) => l.id),
      loadsTotal: found.loadsTotal,
      confirmed: true as const,
    };
    // A total that has changed since the admin looked is refused.
    await expect(erasePersonalData({ actor: admin, input: { ...input, loadsTotal: 600 } })).rejects.toBeInstanceOf(ConflictError);

    // One step only (no time left): 200 loads, the rest still to do, the address-book entry kept until the end.
    const partial = await erasePersonalData({ actor: admin, input, budgetMs: 0 });
    expect(partial).toMatchObject({ loadsAnonymised: 200, loadsRemaining: 401, entriesDeleted: 0 });
    const again = await findPersonalData({ actor: admin, input: { by: 'email', value: p.email } });
    expect(again).toMatchObject({ loadsTotal: 401, truncated: false });
    expect(again.entries).toHaveLength(1);

    const rest = await erasePersonalData({
      actor: admin,
      input: { ...input, loadIds: again.loads.map((l) => l.id), loadsTotal: again.loadsTotal, entryIds: again.entries.map((e) => e.id) },
    });
    expect(rest).toMatchObject({ loadsAnonymised: 401, loadsRemaining: 0, entriesDeleted: 1 });
    const leaks = (await dumpDatabase()).filter((row) => traces(p)(row).length > 0);
    expect(leaks).toEqual([]);
  }, 120_000);
});
