// Reference data synced from the DWT sandbox over HTTP into the real Postgres, and the fallbacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { createDwtClient, type DwtClient } from '@/lib/dwt/client';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { silentLogger } from '@/lib/dwt/test-support';
import { ForbiddenError } from '@/lib/errors';
import { bundledReferenceData } from './catalogue';
import { getReferenceLookups, syncReferenceData } from './service';

// DWT has added a container type since the bundled copy was taken.
const containerTypes = [...bundledReferenceData.containerTypes, { code: 'TST', description: 'Test tote' }];

let sandbox: DwtSandbox;
let client: DwtClient;

const auditEntries = () => db().auditEntry.findMany({ where: { entityType: 'reference_list' }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  await db().referenceList.deleteMany();
  await db().auditEntry.deleteMany({ where: { entityType: 'reference_list' } });
  sandbox = await startDwtSandbox({ port: 0, referenceData: { containerTypes } });
  client = createDwtClient(
    {
      environment: 'sandbox',
      apiBaseUrl: sandbox.baseUrl,
      authUrl: sandbox.authUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    },
    { logger: silentLogger, retry: { maxAttempts: 1 } },
  );
});
afterAll(() => sandbox.close());

describe('reference data', () => {
  it('are the bundled lists before any sync', async () => {
    const lookups = await getReferenceLookups();
    expect(lookups.data).toEqual(bundledReferenceData);
    expect(lookups.isContainerType('TST')).toBe(false);
  });

  it('are synced from DWT into Postgres, audited, and served from there', async () => {
    const report = await syncReferenceData({ client });
    expect(report).toEqual({
      synced: ['ewc-codes', 'hazardous-property-codes', 'disposal-or-recovery-codes', 'container-types', 'pop-names'],
      failed: [],
    });
    const row = await db().referenceList.findUniqueOrThrow({ where: { name: 'container-types' } });
    expect(row).toMatchObject({ source: 'sandbox', data: containerTypes });

    const lookups = await getReferenceLookups();
    expect(lookups.isContainerType('TST')).toBe(true);
    expect(lookups.isKnownEwcCode('170504')).toBe(true);

    const entries = await auditEntries();
    expect(entries).toHaveLength(5);
    expect(entries.find((e) => e.entityId === 'container-types')).toMatchObject({
      actorId: null,
      action: 'reference-data.sync',
      changes: { entries: { from: null, to: containerTypes.length }, source: 'sandbox' },
    });
  });

  it('are not audited again when a sync brings nothing new', async () => {
    await syncReferenceData({ client });
    expect(await auditEntries()).toHaveLength(5);
  });

  it('keep the stored copy, without throwing, when DWT is down', async () => {
    await sandbox.setKnobs({ down: 'refuse' });
    try {
      const report = await syncReferenceData({ client });
      expect(report.synced).toEqual([]);
      expect(report.failed).toHaveLength(5);
      expect(report.failed.every((f) => f.reason === 'unavailable')).toBe(true);
      expect((await getReferenceLookups()).isContainerType('TST')).toBe(true);
    } finally {
      await sandbox.setKnobs({ down: false });
    }
  });

  it('fall back to the bundled copy of a list never synced or stored unreadable', async () => {
    await db().referenceList.delete({ where: { name: 'pop-names' } });
    await db().referenceList.update({ where: { name: 'ewc-codes' }, data: { data: [{ code: 170504 }] } });
    // A sync drops the cached lookups even when DWT gives nothing, so the edits above are read.
    await syncReferenceData({ client: { ...client, getReferenceList: async () => ({ kind: 'unavailable', reason: 'test', attempts: 0 }) } });

    const lookups = await getReferenceLookups();
    expect(lookups.data.popNames).toEqual(bundledReferenceData.popNames);
    expect(lookups.data.ewcCodes).toEqual(bundledReferenceData.ewcCodes);
    expect(lookups.isContainerType('TST')).toBe(true);
  });

  it('never store an empty list from DWT', async () => {
    const empty = await startDwtSandbox({ port: 0, referenceData: { popNames: [] } });
    try {
      const emptyClient = createDwtClient(
        { environment: 'sandbox', apiBaseUrl: empty.baseUrl, authUrl: empty.authUrl, clientId: empty.clientId, clientSecret: empty.clientSecret },
        { logger: silentLogger },
      );
      const report = await syncReferenceData({ client: emptyClient });
      expect(report.failed).toEqual([{ name: 'pop-names', reason: 'empty' }]);
      expect(await db().referenceList.findUnique({ where: { name: 'pop-names' } })).toBeNull();
    } finally {
      await empty.close();
    }
  });

  it('may be synced by a person only with the dwt.manage permission', async () => {
    const clerk: Actor = { id: '7d1c2a34-5e6f-4a1b-8c9d-0e1f2a3b4c5d', email: 'c@example.org', name: 'Clerk', roles: ['CLERK'], siteIds: [] };
    await expect(syncReferenceData({ actor: clerk, client })).rejects.toThrow(ForbiddenError);
    const admin: Actor = { ...clerk, roles: ['ADMIN'] };
    expect((await syncReferenceData({ actor: admin, client })).failed).toEqual([]);
  });
});
