// The address book against a real PostgreSQL: search, vehicle lookup, saving with its audit entry,
// and the role and site checks.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAudit } from '@/lib/audit/service';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { can, ROLES } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { createSite } from '@/lib/sites/service';
import { LIST_PAGE_SIZE, type PartyEntry, type SavePartyInput } from './schema';
import { findCarrierByVehicle, getParty, listParties, saveParty, searchParties } from './service';

// Passes through to the real one; one test makes it fail to prove the entry rolls back with it.
vi.mock('@/lib/audit/service', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/audit/service')>();
  return { ...original, recordAudit: vi.fn(original.recordAudit) };
});

let siteId: string;
let otherSiteId: string;
let clerk: Actor;
let otherSiteClerk: Actor;
const actor = (roles: Actor['roles'], siteIds: string[]): Actor => ({ id: randomUUID(), email: 'a@it.weighbook.test', name: 'T', roles, siteIds });

const newSite = async (name: string) => (await createSite({ actor: systemActor(), input: { name: `${name} ${randomUUID().slice(0, 6)}` } })).id;

function carrier(overrides: Partial<Extract<SavePartyInput, { kind: 'CARRIER' }>> = {}): SavePartyInput {
  return { siteId, kind: 'CARRIER', organisationName: 'Acme Haulage Ltd', registrationNumber: 'CBDU123456', ...overrides };
}
/** A save of a stored carrier with some changes, as the load form sends one it picked. */
const edit = (entry: PartyEntry, overrides: Parameters<typeof carrier>[0] = {}) => carrier({ ...entry, kind: 'CARRIER', ...overrides });
const save = (input: SavePartyInput, by: Actor = clerk) => saveParty({ actor: by, input });
const search = (query: string, extra: { kind?: 'CARRIER' | 'BROKER_DEALER'; limit?: number; site?: string; by?: Actor } = {}) =>
  searchParties({ actor: extra.by ?? clerk, input: { siteId: extra.site ?? siteId, kind: extra.kind ?? 'CARRIER', query, limit: extra.limit } });
const names = (matches: { organisationName: string }[]) => matches.map((m) => m.organisationName);
const auditFor = (entityId: string) => db().auditEntry.findMany({ where: { entityType: 'address-book-entry', entityId }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  siteId = await newSite('Address book IT');
  otherSiteId = await newSite('Address book other');
  clerk = actor(['CLERK'], [siteId]);
  otherSiteClerk = actor(['CLERK'], [otherSiteId]);

  await save(carrier({ vehicleRegistrations: ['AB12 CDE', 'yx70abc'], postcode: 'ls11aa' }));
  await save(carrier({ organisationName: 'Bright & Sons (Leeds)', registrationNumber: 'WCR/R/1234567' }));
  await save(
    carrier({ organisationName: 'Northern Skips', registrationNumber: null, reasonForNoRegistrationNumber: 'ONE_OFF', vehicleRegistrations: ['NS66 SKP'] }),
  );
  await save(carrier({ organisationName: 'Van 1 Couriers', registrationNumber: 'CBDL777' }));
  await save(carrier({ organisationName: 'Zed Transport', registrationNumber: 'ROC UT 4321', vehicleRegistrations: ['VAN 1', 'N 1'] }));
  await save(carrier({ organisationName: 'Dublin Freight', registrationNumber: 'CBDU424242', vehicleRegistrations: ['12-d-12345'] }));
  await save({ siteId, kind: 'BROKER_DEALER', organisationName: 'Acme Brokers' });
  // The same carrier, name and vehicle at another site: never seen from this one.
  await save(
    carrier({ siteId: otherSiteId, organisationName: 'Acme Haulage Ltd (other site)', vehicleRegistrations: ['OT11 HER', 'AB12 CDE'] }),
    otherSiteClerk,
  );
});

describe('searching', () => {
  it('finds names by the start of any word, ignoring case and punctuation', async () => {
    expect(names(await search('acme'))).toEqual(['Acme Haulage Ltd']);
    expect(names(await search('HAUL'))).toEqual(['Acme Haulage Ltd']);
    expect(names(await search('leeds'))).toEqual(['Bright & Sons (Leeds)']);
    expect(names(await search('sons (leeds'))).toEqual(['Bright & Sons (Leeds)']);
    expect(await search('cme')).toEqual([]);
  });

  it('finds registration numbers ignoring spaces, punctuation and case, in full or by their start', async () => {
    for (const query of ['CBDU123456', 'cbdu 123 456', 'cbdu12']) expect(names(await search(query))).toEqual(['Acme Haulage Ltd']);
    expect(names(await search('wcr r 1234567'))).toEqual(['Bright & Sons (Leeds)']);
    expect(names(await search('rocut4321'))).toEqual(['Zed Transport']);
  });

  it('finds vehicle registrations however they are spaced or cased, and says which vehicle matched', async () => {
    for (const query of ['ab12cde', ' Ab12 Cde ', 'AB12-CDE', 'ab12']) {
      const [match, ...rest] = await search(query);
      expect(rest).toEqual([]);
      expect(match).toMatchObject({ organisationName: 'Acme Haulage Ltd', matchedVehicle: 'AB12 CDE' });
    }
    expect(await search('YX70 ABC')).toMatchObject([{ matchedVehicle: 'YX70ABC' }]);
    expect(await search('12d12345')).toMatchObject([{ organisationName: 'Dublin Freight', matchedVehicle: '12-D-12345' }]);
  });

  it('does not say a vehicle matched when the name or registration did', async () => {
    const [byName] = await search('acme');
    const [byRegistration] = await search('CBDU123456');
    expect(byName).not.toHaveProperty('matchedVehicle');
    expect(byRegistration).not.toHaveProperty('matchedVehicle');
  });

  it('puts an exact vehicle or registration first, then names starting with the query, then later words', async () => {
    // "Zed Transport" drives VAN 1 (exact); "Van 1 Couriers" only starts with the words.
    expect(names(await search('van 1'))).toEqual(['Zed Transport', 'Van 1 Couriers']);
    // Name first words before later words, each alphabetical, then vehicles starting with the query.
    await save(carrier({ organisationName: 'Skips of Northern England', registrationNumber: 'CBDU900' }));
    await save(carrier({ organisationName: 'Northway Skips', registrationNumber: 'CBDU901', vehicleRegistrations: ['NO12 RTH'] }));
    expect(names(await search('north'))).toEqual(['Northern Skips', 'Northway Skips', 'Skips of Northern England']);
    expect(await search('no1')).toMatchObject([{ organisationName: 'Northway Skips', matchedVehicle: 'NO12 RTH' }]);
  });

  it('matches one or two letters or digits to the start of names, and to registrations and vehicles only in full', async () => {
    expect(names(await search('no'))).toEqual(['Northern Skips', 'Northway Skips']);
    expect(names(await search('sk'))).toEqual(['Skips of Northern England']);
    expect(await search('n1')).toMatchObject([{ organisationName: 'Zed Transport', matchedVehicle: 'N 1' }]);
    expect(await search('N-1')).toMatchObject([{ organisationName: 'Zed Transport', matchedVehicle: 'N 1' }]);
  });

  it('keeps to the kind asked for and to the limit', async () => {
    expect(names(await search('acme', { kind: 'BROKER_DEALER' }))).toEqual(['Acme Brokers']);
    expect(await search('a', { limit: 1 })).toHaveLength(1);
  });

  it('finds nothing for an empty query or one of only wildcards and punctuation', async () => {
    for (const query of ['', '   ', '%', '_', '%%', '&']) expect(await search(query)).toEqual([]);
  });

  it('returns the whole entry, for filling the form', async () => {
    const [match] = await search('ab12cde');
    expect(match).toEqual({
      id: expect.any(String),
      kind: 'CARRIER',
      organisationName: 'Acme Haulage Ltd',
      registrationNumber: 'CBDU123456',
      reasonForNoRegistrationNumber: null,
      fullAddress: null,
      postcode: 'LS1 1AA',
      emailAddress: null,
      phoneNumber: null,
      meansOfTransport: null,
      vehicleRegistrations: ['AB12 CDE', 'YX70ABC'],
      matchedVehicle: 'AB12 CDE',
    });
  });
});

describe('finding a carrier by vehicle', () => {
  const find = (vehicleRegistration: string, by: Actor = clerk, site = siteId) =>
    findCarrierByVehicle({ actor: by, input: { siteId: site, vehicleRegistration } });

  it('matches the whole registration ignoring spaces and case, not its start', async () => {
    for (const typed of ['AB12CDE', 'ab12 cde', ' AB12  CDE ']) expect(await find(typed)).toMatchObject({ organisationName: 'Acme Haulage Ltd' });
    expect(await find('12 D 12345')).toMatchObject({ organisationName: 'Dublin Freight' });
    expect(await find('n1')).toMatchObject({ organisationName: 'Zed Transport' });
    expect(await find('AB12')).toBeNull();
    expect(await find('A')).toBeNull();
    expect(await find('ZZ99 ZZZ')).toBeNull();
  });

  it('prefers the carrier that most recently saved a vehicle that changed hands', async () => {
    const first = await save(carrier({ organisationName: 'First Owner', vehicleRegistrations: ['HN19 AND'] }));
    expect(await find('hn19and')).toMatchObject({ id: first.entry.id });
    const second = await save(carrier({ organisationName: 'Second Owner', vehicleRegistrations: ['HN19AND'] }));
    expect(await find('hn19and')).toMatchObject({ id: second.entry.id });
  });
});

describe('site isolation', () => {
  it('never returns another site’s entries', async () => {
    expect(names(await search('acme haulage'))).toEqual(['Acme Haulage Ltd']);
    expect(await search('OT11HER')).toEqual([]);
    expect(await findCarrierByVehicle({ actor: clerk, input: { siteId, vehicleRegistration: 'OT11 HER' } })).toBeNull();
    expect(names(await search('acme haulage', { site: otherSiteId, by: otherSiteClerk }))).toEqual(['Acme Haulage Ltd (other site)']);
  });

  it('refuses an actor who does not work at the site, whatever they ask', async () => {
    const [entry] = await search('acme');
    const calls = [
      () => search('acme', { by: otherSiteClerk }),
      () => findCarrierByVehicle({ actor: otherSiteClerk, input: { siteId, vehicleRegistration: 'AB12CDE' } }),
      () => saveParty({ actor: otherSiteClerk, input: carrier() }),
      () => getParty({ actor: otherSiteClerk, input: { siteId, id: entry!.id } }),
      () => listParties({ actor: otherSiteClerk, input: { siteId, kind: 'CARRIER' } }),
    ];
    for (const call of calls) await expect(call()).rejects.toThrow(ForbiddenError);
  });

  it('will not read or update an entry through another site', async () => {
    const [elsewhere] = await search('acme', { site: otherSiteId, by: otherSiteClerk });
    const both = actor(['CLERK'], [siteId, otherSiteId]);
    await expect(getParty({ actor: both, input: { siteId, id: elsewhere!.id } })).rejects.toThrow(NotFoundError);
    await expect(save(carrier({ id: elsewhere!.id }), both)).rejects.toThrow(NotFoundError);
    expect((await getParty({ actor: both, input: { siteId: otherSiteId, id: elsewhere!.id } })).organisationName).toBe('Acme Haulage Ltd (other site)');
  });
});

describe('roles', () => {
  for (const role of ROLES) {
    const allowed = can([role], 'loads.create') || can([role], 'loads.manage');
    it(`${allowed ? 'lets' : 'refuses'} a ${role} use the address book`, async () => {
      const by = actor([role], [siteId]);
      const [entry] = await search('acme');
      const calls = [
        () => search('acme', { by }),
        () => findCarrierByVehicle({ actor: by, input: { siteId, vehicleRegistration: 'AB12CDE' } }),
        () => save(carrier({ organisationName: `${role} Roles Ltd` }), by),
        () => getParty({ actor: by, input: { siteId, id: entry!.id } }),
        () => listParties({ actor: by, input: { siteId, kind: 'CARRIER' } }),
      ];
      for (const call of calls) {
        if (allowed) await expect(call()).resolves.toBeDefined();
        else await expect(call()).rejects.toThrow(ForbiddenError);
      }
    });
  }
});

describe('saving', () => {
  it('stores a new entry tidied, with an audit entry that says personal details were given but not what they are', async () => {
    const { entry, created } = await save(
      carrier({
        organisationName: '  Tidy Haulage  ',
        registrationNumber: 'cbdu 555 123',
        postcode: 'w127zl',
        emailAddress: 'dispatch@tidy.example',
        phoneNumber: '07700 900123',
        meansOfTransport: 'Road',
        vehicleRegistrations: ['td12  abc', 'TD12ABC', ''],
      }),
    );
    expect(created).toBe(true);
    expect(entry).toMatchObject({
      organisationName: 'Tidy Haulage',
      registrationNumber: 'CBDU555123',
      postcode: 'W12 7ZL',
      vehicleRegistrations: ['TD12 ABC'],
      emailAddress: 'dispatch@tidy.example',
    });
    const [audit, ...more] = await auditFor(entry.id);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ action: 'address-book.create', actorId: clerk.id, siteId });
    expect(audit!.changes).toEqual({
      kind: { to: 'CARRIER' },
      organisationName: { to: 'Tidy Haulage' },
      registrationNumber: { to: 'CBDU555123' },
      postcode: { to: 'W12 7ZL' },
      meansOfTransport: { to: 'Road' },
      vehicleRegistrations: { to: ['TD12 ABC'] },
      emailAddress: { changed: true },
      phoneNumber: { changed: true },
    });
    expect(JSON.stringify(audit!.changes)).not.toMatch(/dispatch|tidy\.example|07700|900123/);
  });

  it('updates an entry and adds a new vehicle, auditing the changes without personal values', async () => {
    const { entry } = await save(carrier({ organisationName: 'Update Me Ltd', phoneNumber: '0113 496 0000', vehicleRegistrations: ['UP11 AAA'] }));
    const { entry: updated, created } = await save(
      edit(entry, { organisationName: 'Updated Ltd', phoneNumber: '0113 496 0999', vehicleRegistrations: ['up11aaa', 'UP22 BBB'] }),
    );
    expect(created).toBe(false);
    expect(updated).toMatchObject({
      id: entry.id,
      organisationName: 'Updated Ltd',
      phoneNumber: '0113 496 0999',
      vehicleRegistrations: ['UP11 AAA', 'UP22 BBB'],
    });
    const [, audit] = await auditFor(entry.id);
    expect(audit).toMatchObject({ action: 'address-book.update', actorId: clerk.id, siteId });
    expect(audit!.changes).toEqual({
      organisationName: { from: 'Update Me Ltd', to: 'Updated Ltd' },
      vehicleRegistrations: { from: ['UP11 AAA'], to: ['UP11 AAA', 'UP22 BBB'] },
      phoneNumber: { changed: true },
    });
    expect(JSON.stringify(audit!.changes)).not.toContain('496');
  });

  it('writes nothing when the save changes nothing, such as a known vehicle typed differently', async () => {
    const { entry } = await save(carrier({ organisationName: 'Same Again Ltd', vehicleRegistrations: ['SA11 AME'] }));
    const before = await db().addressBookEntry.findUniqueOrThrow({ where: { id: entry.id } });
    const again = await save(edit(entry, { vehicleRegistrations: ['sa11ame'] }));
    expect(again).toEqual({ entry, created: false });
    expect((await db().addressBookEntry.findUniqueOrThrow({ where: { id: entry.id } })).updatedAt).toEqual(before.updatedAt);
    expect(await auditFor(entry.id)).toHaveLength(1);
  });

  it('keeps both vehicles when two clerks add one each at the same moment', async () => {
    const { entry } = await save(carrier({ organisationName: 'Busy Fleet Ltd' }));
    const adds = ['BF11 ONE', 'BF22 TWO', 'BF33 THR', 'BF44 FOU'];
    await Promise.all(adds.map((vehicle) => save(edit(entry, { vehicleRegistrations: [vehicle] }))));
    const stored = await getParty({ actor: clerk, input: { siteId, id: entry.id } });
    expect([...stored.vehicleRegistrations].sort()).toEqual(adds);
    expect(await auditFor(entry.id)).toHaveLength(1 + adds.length);
  });

  it('rolls the change back when its audit entry cannot be written', async () => {
    vi.mocked(recordAudit).mockRejectedValueOnce(new Error('audit unavailable'));
    await expect(save(carrier({ organisationName: 'Never Stored Ltd' }))).rejects.toThrow('audit unavailable');
    expect(await db().addressBookEntry.count({ where: { organisationName: 'Never Stored Ltd' } })).toBe(0);
  });

  it('refuses to turn a carrier into a broker or dealer', async () => {
    const { entry } = await save(carrier({ organisationName: 'Kind Carrier Ltd' }));
    await expect(save({ siteId, id: entry.id, kind: 'BROKER_DEALER', organisationName: 'Kind Carrier Ltd' })).rejects.toThrow(ValidationError);
  });

  it('refuses an entry DWT would refuse, naming the field', async () => {
    await expect(save(carrier({ registrationNumber: '', reasonForNoRegistrationNumber: '' }))).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['reasonForNoRegistrationNumber'] })],
    });
  });
});

describe('reading', () => {
  it('lists a site’s entries of one kind alphabetically, a page at a time', async () => {
    const listSite = await newSite('Address book list');
    const lister = actor(['CLERK'], [listSite]);
    const count = LIST_PAGE_SIZE + 2;
    const name = (i: number) => `Carrier ${String(i).padStart(3, '0')}`;
    await Promise.all(Array.from({ length: count }, (_, i) => save(carrier({ siteId: listSite, organisationName: name(i) }), lister)));
    await save({ siteId: listSite, kind: 'BROKER_DEALER', organisationName: 'Only Broker' }, lister);

    const first = await listParties({ actor: lister, input: { siteId: listSite, kind: 'CARRIER' } });
    const second = await listParties({ actor: lister, input: { siteId: listSite, kind: 'CARRIER', page: 2 } });
    expect(first).toMatchObject({ page: 1, pageSize: LIST_PAGE_SIZE, total: count });
    expect(first.entries).toHaveLength(LIST_PAGE_SIZE);
    expect(first.entries[0]!.organisationName).toBe(name(0));
    expect(names(second.entries)).toEqual([name(LIST_PAGE_SIZE), name(LIST_PAGE_SIZE + 1)]);
    expect(names((await listParties({ actor: lister, input: { siteId: listSite, kind: 'BROKER_DEALER' } })).entries)).toEqual(['Only Broker']);
  });

  it('gets one entry of the site', async () => {
    const [match] = await search('zed');
    const { matchedVehicle: _, ...entry } = match!;
    expect(await getParty({ actor: clerk, input: { siteId, id: entry.id } })).toEqual(entry);
    await expect(getParty({ actor: clerk, input: { siteId, id: randomUUID() } })).rejects.toThrow(NotFoundError);
  });
});
