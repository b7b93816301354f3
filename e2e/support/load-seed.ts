// Loads seeded through the services (as the form would save them), sent by the app's own delivery
// worker, for tests that start from a load DWT already holds.
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { systemActor, type Actor } from '@/lib/auth/actor';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { getLoad, saveLoad } from '@/lib/loads/service';
import { loadForm } from '@/test/load-fixtures';
import { ACCOUNTS, type AccountName } from './accounts';
import { ensureE2eSite, seedUser } from './seed';

export async function actorFor(account: AccountName): Promise<Actor> {
  const site = await ensureE2eSite();
  const user = await seedUser(ACCOUNTS[account]);
  return { id: user.id, email: user.email, name: ACCOUNTS[account].name, roles: [ACCOUNTS[account].role], siteIds: [site.id] };
}

/** A load with one waste item of a single weight (in tonnes), logged by `account` and queued to send. */
export async function seedLoad({ account, weight = '1.5' }: { account: AccountName; weight?: string }) {
  const actor = await actorFor(account);
  const form = loadForm();
  form.wasteItems[0] = { ...form.wasteItems[0]!, weightMode: 'single', weight: { metric: 'Tonnes', amount: weight, isEstimate: false }, weighbridge: { gross: '', tare: '' } };
  form.wasteItems[0].disposalOrRecoveryCodes = [{ code: 'R5', weight: { metric: 'Tonnes', amount: weight, isEstimate: false } }];
  const saved = await saveLoad({ actor, input: { id: randomUUID(), siteId: actor.siteIds[0]!, expectedVersion: null, intent: 'send', form } });
  return saved;
}

/** Waits until the app's delivery worker has brought the load to `status`; returns the load. */
export async function waitForLoadStatus(id: string, status: LoadStatus) {
  const site = await ensureE2eSite();
  let load: Awaited<ReturnType<typeof getLoad>> | undefined;
  await expect
    .poll(async () => {
      load = await getLoad({ actor: systemActor([site.id]), input: { id } });
      return load.status;
    }, { timeout: 20_000 })
    .toBe(status);
  return load!;
}

/** A load DWT holds: seeded, then sent by the app's worker. */
export async function seedSentLoad(input: { account: AccountName; weight?: string }) {
  const saved = await seedLoad(input);
  const load = await waitForLoadStatus(saved.id, 'SENT');
  return { id: load.id, ticketNumber: load.ticketNumber, wasteTrackingId: load.wasteTrackingId!, version: load.version };
}
