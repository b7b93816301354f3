// A site's own DWT apiCode and receiver details reach DWT (the built-in sandbox, over real HTTP); a
// site without an apiCode falls back to the environment's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { deliverLoad } from '@/lib/delivery/service';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { saveLoad } from '@/lib/loads/service';
import { pointAppAt } from '@/test/dwt-env';
import { loadForm } from '@/test/load-fixtures';
import { createSite, updateSite } from './service';

const SITE_API_CODE = '7d3c1e52-9a1b-4f0e-8c11-2b6f3a9d4e01';
let sandbox: DwtSandbox;

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0, apiCodes: [SITE_API_CODE] });
  pointAppAt(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

const RECEIVER = { authorisationNumber: 'EPR/AB1234CD', fullAddress: '1 Test Way, Leeds', postcode: 'LS1 1AA' };

async function sendOne(siteId: string) {
  const clerk: Actor = { id: randomUUID(), email: 'c@d.e', name: 'C', roles: ['CLERK'], siteIds: [siteId] };
  const saved = await saveLoad({ actor: clerk, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'send', form: loadForm() } });
  const result = await deliverLoad({ loadId: saved.id });
  expect(result.status).toBe('SENT');
  return sandbox.movements.get(result.wasteTrackingId!)!.body as { apiCode: string; receiver: Record<string, unknown> };
}

describe('delivery uses the site', () => {
  it('sends the site’s apiCode and its regulatory position statements once set', async () => {
    const site = await createSite({ actor: systemActor(), input: { name: `Own code ${randomUUID().slice(0, 6)}`, ...RECEIVER } });
    const before = await sendOne(site.id);
    expect(before.apiCode).toBe(sandbox.apiCodes[0]);
    expect(before.receiver).toEqual({ siteName: site.name, authorisationNumber: 'EPR/AB1234CD' });

    await updateSite({
      actor: systemActor(),
      input: {
        id: site.id,
        name: site.name,
        ...RECEIVER,
        apiCode: SITE_API_CODE,
        regulatoryPositionStatements: '250',
        contactEmail: 'gate@example.co.uk',
        contactPhone: '01632 960123',
      },
    });
    const after = await sendOne(site.id);
    expect(after.apiCode).toBe(SITE_API_CODE);
    expect(after.receiver).toMatchObject({ siteName: site.name, authorisationNumber: 'EPR/AB1234CD', regulatoryPositionStatements: [250] });
    // Contact details travel too (replaced by placeholders outside production, as personal data).
    expect(after.receiver.emailAddress).toEqual(expect.any(String));
    expect(after.receiver.phoneNumber).toEqual(expect.any(String));
  });
});
