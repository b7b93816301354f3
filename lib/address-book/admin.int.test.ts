// Administration of every site's address book: an admin's edit, and merging duplicates.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { saveLoad } from '@/lib/loads/service';
import { createSite } from '@/lib/sites/service';
import { loadForm } from '@/test/load-fixtures';
import { adminListParties, adminSaveParty, mergeParties } from './admin';
import { saveParty } from './service';

let siteId: string;
let otherSiteId: string;
let clerk: Actor;
let manager: Actor;
const admin: Actor = { id: randomUUID(), email: 'a@it.test', name: 'Admin', roles: ['ADMIN'], siteIds: [] };

beforeAll(async () => {
  siteId = (await createSite({ actor: systemActor(), input: { name: `AB admin ${randomUUID().slice(0, 6)}` } })).id;
  otherSiteId = (await createSite({ actor: systemActor(), input: { name: `AB other ${randomUUID().slice(0, 6)}` } })).id;
  clerk = { id: randomUUID(), email: 'c@it.test', name: 'Clerk', roles: ['CLERK'], siteIds: [siteId, otherSiteId] };
  manager = { ...clerk, id: randomUUID(), roles: ['MANAGER'] };
});

const carrier = (name: string, vehicles: string[], site = siteId) =>
  saveParty({
    actor: clerk,
    input: { siteId: site, kind: 'CARRIER', organisationName: name, registrationNumber: 'CBDU123456', vehicleRegistrations: vehicles },
  }).then((r) => r.entry);

describe('address-book administration', () => {
  it('lists entries of every site for an admin with no site, by name and kind', async () => {
    const tag = randomUUID().slice(0, 8);
    await carrier(`Listed ${tag} A`, []);
    await carrier(`Listed ${tag} B`, [], otherSiteId);
    const list = await adminListParties({ actor: admin, input: { query: `listed ${tag}`, kind: 'CARRIER' } });
    expect(list.entries.map((e) => e.organisationName)).toEqual([`Listed ${tag} A`, `Listed ${tag} B`]);
    expect(list.total).toBe(2);
    expect((await adminListParties({ actor: admin, input: { query: `listed ${tag}`, kind: 'BROKER_DEALER' } })).total).toBe(0);
  });

  it('lets an admin edit an entry, removing a vehicle, audited', async () => {
    const e = await carrier(`Edited ${randomUUID().slice(0, 8)}`, ['AB12 CDE', 'YX70 ABC']);
    const saved = await adminSaveParty({
      actor: admin,
      input: {
        id: e.id,
        siteId,
        kind: 'CARRIER',
        organisationName: `${e.organisationName} Ltd`,
        registrationNumber: 'CBDU123456',
        phoneNumber: '0113 496 0000',
        vehicleRegistrations: ['YX70 ABC'],
      },
    });
    expect(saved).toMatchObject({ organisationName: `${e.organisationName} Ltd`, vehicleRegistrations: ['YX70 ABC'] });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entityId: e.id, action: 'address-book.update', actorId: admin.id } });
    expect(audit.changes).toMatchObject({ phoneNumber: { changed: true }, vehicleRegistrations: { from: ['AB12 CDE', 'YX70 ABC'], to: ['YX70 ABC'] } });
    expect(JSON.stringify(audit.changes)).not.toContain('0113');
  });

  it('merges duplicates: vehicles combined, loads repointed, the others deleted, in one audited change', async () => {
    const tag = randomUUID().slice(0, 8);
    const keep = await carrier(`Dupe ${tag}`, ['AB12 CDE']);
    const a = await carrier(`Dupe ${tag} Ltd`, ['ab12cde', 'YX70 ABC']);
    const b = await carrier(`DUPE ${tag}`, ['LM19 XYZ']);
    const f = loadForm();
    f.carrier.addressBookId = a.id;
    const load = await saveLoad({ actor: clerk, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'draft', form: f } });

    const result = await mergeParties({ actor: admin, input: { survivorId: keep.id, mergedIds: [a.id, b.id] } });
    expect(result).toMatchObject({ merged: 2, loadsRepointed: 1, vehicleRegistrations: ['AB12 CDE', 'YX70 ABC', 'LM19 XYZ'] });
    expect(await db().addressBookEntry.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
    const row = await db().load.findUniqueOrThrow({ where: { id: load.id } });
    expect((row.formValues as { carrier: { addressBookId: string } }).carrier.addressBookId).toBe(keep.id);
    const audit = await db().auditEntry.findMany({
      where: { entityId: { in: [keep.id, a.id, b.id] }, action: { in: ['address-book.merge', 'address-book.delete'] } },
    });
    expect(audit.map((x) => x.action).sort()).toEqual(['address-book.delete', 'address-book.delete', 'address-book.merge']);
  });

  it('refuses to merge entries of different sites, and changes nothing', async () => {
    const keep = await carrier(`Site A ${randomUUID().slice(0, 8)}`, []);
    const other = await carrier(`Site B ${randomUUID().slice(0, 8)}`, [], otherSiteId);
    await expect(mergeParties({ actor: admin, input: { survivorId: keep.id, mergedIds: [other.id] } })).rejects.toBeInstanceOf(ValidationError);
    expect(await db().addressBookEntry.count({ where: { id: { in: [keep.id, other.id] } } })).toBe(2);
  });

  it('is refused to clerks and managers on the server', async () => {
    const e = await carrier(`Refused ${randomUUID().slice(0, 8)}`, []);
    for (const actor of [clerk, manager]) {
      await expect(adminListParties({ actor, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        adminSaveParty({ actor, input: { id: e.id, siteId, kind: 'CARRIER', organisationName: 'X', registrationNumber: 'CBDU123456' } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(mergeParties({ actor, input: { survivorId: e.id, mergedIds: [randomUUID()] } })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
