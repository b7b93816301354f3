// Sites: validation with DWT's rules, audit, who works there, deadlines on a change of nation, and
// that people see only their own sites' loads.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { reportingDeadline } from '@/lib/deadline';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { getLoad, listRecentLoads, saveLoad } from '@/lib/loads/service';
import { createUser, updateUser } from '@/lib/users/service';
import { loadForm } from '@/test/load-fixtures';
import { createSite, getSite, listSitesForAdmin, updateSite } from './service';

const admin = systemActor();
const name = (label: string) => `${label} ${randomUUID().slice(0, 6)}`;
const actorWith = (roles: Actor['roles'], siteIds: string[] = []): Actor => ({ id: randomUUID(), email: 'x@y.z', name: 'X', roles, siteIds });
const API_CODE = '1f83215e-4b90-4785-9ab2-2614839aa2e9';

const FULL = {
  authorisationNumber: 'epr/ab1234cd',
  fullAddress: '1 Quay Road, Leith',
  postcode: 'eh66 6aa',
  nation: 'ENGLAND' as const,
  contactName: 'Pat Ops',
  contactEmail: 'ops@example.co.uk',
  contactPhone: '01632 960123',
  regulatoryPositionStatements: '250, 251',
  apiCode: API_CODE.toUpperCase(),
};

describe('sites', () => {
  it('are managed only by administrators, in the service', async () => {
    const site = await createSite({ actor: admin, input: { name: name('Guarded') } });
    for (const roles of [['CLERK'], ['MANAGER'], ['CLERK', 'MANAGER']] as Actor['roles'][]) {
      const actor = actorWith(roles, [site.id]);
      await expect(createSite({ actor, input: { name: 'X' } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateSite({ actor, input: { id: site.id, name: 'X' } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getSite({ actor, id: site.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listSitesForAdmin({ actor })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await getSite({ actor: admin, id: site.id })).name).toBe(site.name);
  });

  it('stores every receiver detail, normalised, and audits the creation', async () => {
    const site = await createSite({ actor: admin, input: { name: name('Full'), ...FULL } });
    expect(await getSite({ actor: admin, id: site.id })).toMatchObject({
      authorisationNumber: 'EPR/AB1234CD',
      postcode: 'EH66 6AA',
      regulatoryPositionStatements: [250, 251],
      apiCode: API_CODE,
      userIds: [],
    });
    const entries = await db().auditEntry.findMany({ where: { entityType: 'site', entityId: site.id }, select: { action: true, changes: true } });
    expect(entries).toEqual([{ action: 'site.create', changes: expect.objectContaining({ apiCode: { to: API_CODE }, postcode: { to: 'EH66 6AA' } }) }]);
  });

  it('refuses bad details, naming each field, and changes nothing', async () => {
    const site = await createSite({ actor: admin, input: { name: name('Strict'), ...FULL } });
    const error = await updateSite({
      actor: admin,
      input: { id: site.id, name: site.name, authorisationNumber: 'XYZ', postcode: '12345', apiCode: 'nope' },
    }).catch((e: unknown) => e);
    const paths = (error as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'));
    expect(paths.sort()).toEqual(['apiCode', 'authorisationNumber', 'postcode']);
    expect((await getSite({ actor: admin, id: site.id })).authorisationNumber).toBe('EPR/AB1234CD');
    await expect(updateSite({ actor: admin, input: { id: randomUUID(), name: 'Nowhere' } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSite({ actor: admin, id: 'not-a-uuid' })).rejects.toBeInstanceOf(NotFoundError);
    const users = await updateSite({ actor: admin, input: { id: site.id, name: site.name, userIds: [randomUUID()] } }).catch((e: unknown) => e);
    expect((users as ValidationError).fieldErrors.userIds).toEqual(['Choose people who exist']);
  });

  it('audits field diffs (never a secret) and sets who works there', async () => {
    const site = await createSite({ actor: admin, input: { name: name('Diff'), ...FULL } });
    const person = await createUser({
      actor: admin,
      input: { name: 'Worker', email: `${randomUUID().slice(0, 8)}@sites.it.weighbook.test`, password: 'integration-password', roles: ['CLERK'] },
    });
    const result = await updateSite({
      actor: admin,
      input: { id: site.id, name: site.name, ...FULL, contactPhone: '01632 960999', apiCode: '', userIds: [person.id] },
    });
    expect(result).toMatchObject({ changed: true, nationChanged: false });
    const entry = await db().auditEntry.findFirstOrThrow({
      where: { entityType: 'site', entityId: site.id, action: 'site.update' },
      select: { changes: true, siteId: true },
    });
    expect(entry).toEqual({
      siteId: site.id,
      changes: {
        contactPhone: { from: '01632 960123', to: '01632 960999' },
        apiCode: { from: API_CODE, to: null },
        userIds: { from: [], to: [person.id] },
      },
    });
    expect((await getSite({ actor: admin, id: site.id })).userIds).toEqual([person.id]);
    // The same again: no change, no entry. Leaving userIds out leaves the people alone.
    expect((await updateSite({ actor: admin, input: { id: site.id, name: site.name, ...FULL, contactPhone: '01632 960999', apiCode: '' } })).changed).toBe(
      false,
    );
    expect((await getSite({ actor: admin, id: site.id })).userIds).toEqual([person.id]);
    expect(await db().auditEntry.count({ where: { entityType: 'site', entityId: site.id } })).toBe(2);
  });

  it('a change of nation moves the reporting deadlines of its loads', async () => {
    const site = await createSite({ actor: admin, input: { name: name('Nation'), ...FULL, nation: 'ENGLAND' } });
    const clerk = actorWith(['CLERK'], [site.id]);
    // Friday 27 November 2026: Scotland's St Andrew's Day holiday falls on the Monday after.
    const form = { ...loadForm(), dateTimeReceived: '2026-11-27T10:00' };
    const saved = await saveLoad({
      actor: clerk,
      input: { id: randomUUID(), siteId: site.id, expectedVersion: null, intent: 'draft', form },
      now: new Date('2026-11-27T12:00:00Z'),
    });
    const before = await db().load.findUniqueOrThrow({ where: { id: saved.id }, select: { dueAt: true, receivedAt: true } });
    expect(before.dueAt).toEqual(reportingDeadline(before.receivedAt, 'ENGLAND'));
    await updateSite({ actor: admin, input: { id: site.id, name: site.name, ...FULL, nation: 'SCOTLAND' } });
    const after = await db().load.findUniqueOrThrow({ where: { id: saved.id }, select: { dueAt: true } });
    expect(after.dueAt).toEqual(reportingDeadline(before.receivedAt, 'SCOTLAND'));
    expect(after.dueAt).not.toEqual(before.dueAt);
  });

  it('people see only their own sites’ loads', async () => {
    const a = await createSite({ actor: admin, input: { name: name('Site A'), ...FULL } });
    const b = await createSite({ actor: admin, input: { name: name('Site B'), ...FULL } });
    const clerkB = actorWith(['CLERK'], [b.id]);
    const loadB = await saveLoad({ actor: clerkB, input: { id: randomUUID(), siteId: b.id, expectedVersion: null, intent: 'draft', form: loadForm() } });
    for (const roles of [['CLERK'], ['MANAGER'], ['ADMIN']] as Actor['roles'][]) {
      const ofA = actorWith(roles, [a.id]);
      await expect(getLoad({ actor: ofA, input: { id: loadB.id } })).rejects.toBeInstanceOf(NotFoundError);
      expect((await listRecentLoads({ actor: ofA, input: {} })).map((l) => l.id)).not.toContain(loadB.id);
    }
    await expect(
      saveLoad({ actor: actorWith(['CLERK'], [a.id]), input: { id: randomUUID(), siteId: b.id, expectedVersion: null, intent: 'draft', form: loadForm() } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getLoad({ actor: clerkB, input: { id: loadB.id } })).id).toBe(loadB.id);
  });

  it('editing a person’s sites and a site’s people at the same moment neither deadlocks nor fails', async () => {
    const site = await createSite({ actor: admin, input: { name: name('Busy') } });
    const other = await createSite({ actor: admin, input: { name: name('Other') } });
    const person = await createUser({
      actor: admin,
      input: { name: 'Both', email: `${randomUUID().slice(0, 8)}@sites.it.weighbook.test`, password: 'integration-password', roles: ['CLERK'] },
    });
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled([
        updateUser({ actor: admin, input: { id: person.id, name: 'Both', roles: ['CLERK'], siteIds: round % 2 ? [other.id] : [other.id, site.id] } }),
        updateSite({ actor: admin, input: { id: site.id, name: site.name, userIds: round % 2 ? [person.id] : [] } }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    }
  });
});
