// The embedded demo's accounts are not a standing door: they go when the first real administrator who
// can sign in is created (by an admin, by the set-up page, or by accepting an invitation), and with
// "Remove demo accounts" once a real administrator exists; the demo is not seeded again after that.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useOwnDatabase } from '@/test/delivery-harness';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import {
  acceptLink,
  countDemoAccounts,
  createFirstAdmin,
  createUser,
  DEMO_EMAIL_DOMAIN,
  ensureUser,
  inviteUser,
  NO_REAL_ADMIN_MESSAGE,
  prepareDemoSeeding,
  removeDemoAccounts,
  verifySignIn,
} from './service';

// These tests need a database with no administrator at first: one of their own.
let own: Awaited<ReturnType<typeof useOwnDatabase>>;
beforeAll(async () => {
  own = await useOwnDatabase('users_demo');
});
afterAll(async () => {
  await own.drop();
});

const PASSWORD = 'integration-password';
const system = systemActor();
const demoAdmin = (): Actor => ({ id: randomUUID(), email: `admin${DEMO_EMAIL_DOMAIN}`, name: 'Alex Admin', roles: ['ADMIN'], siteIds: [] });

async function seedDemoAccounts() {
  for (const role of ['CLERK', 'MANAGER', 'ADMIN'] as const) {
    await ensureUser({
      actor: system,
      input: { name: `Demo ${role}`, email: `${role.toLowerCase()}${DEMO_EMAIL_DOMAIN}`, password: PASSWORD, roles: [role] },
      demo: true,
    });
  }
}

beforeEach(async () => {
  await db().user.deleteMany({});
  await seedDemoAccounts();
});

describe('demo accounts', () => {
  it('are seeded only while no real administrator exists, and flagged by their reserved domain', async () => {
    await db().user.updateMany({ data: { demo: false } }); // as an installation from before the flag
    expect(await prepareDemoSeeding()).toEqual({ seed: true });
    expect(await countDemoAccounts()).toBe(3);
    await createUser({ actor: system, input: { name: 'Real Admin', email: `${randomUUID().slice(0, 8)}@site.example`, password: PASSWORD, roles: ['ADMIN'] } });
    expect(await prepareDemoSeeding()).toEqual({ seed: false });
  });

  it('go in the same change that creates the first real administrator, and cannot sign in after', async () => {
    expect(await verifySignIn({ input: { email: `clerk${DEMO_EMAIL_DOMAIN}`, password: PASSWORD }, address: '203.0.113.9' })).toMatchObject({ status: 'ok' });
    // A real clerk does not retire them: a real administrator does.
    await createUser({ actor: system, input: { name: 'Real Clerk', email: `${randomUUID().slice(0, 8)}@site.example`, password: PASSWORD, roles: ['CLERK'] } });
    expect(await countDemoAccounts()).toBe(3);
    await createUser({
      actor: demoAdmin(),
      input: { name: 'Real Admin', email: `${randomUUID().slice(0, 8)}@site.example`, password: PASSWORD, roles: ['ADMIN'] },
    });
    expect(await countDemoAccounts()).toBe(0);
    expect(await verifySignIn({ input: { email: `clerk${DEMO_EMAIL_DOMAIN}`, password: PASSWORD }, address: '203.0.113.10' })).toEqual({ status: 'invalid' });
    const audit = await db().auditEntry.findMany({ where: { action: 'user.remove-demo' } });
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('go when an invited administrator sets their password, not when they are only invited', async () => {
    const { token } = await inviteUser({
      actor: system,
      input: { name: 'Invited Admin', email: `${randomUUID().slice(0, 8)}@site.example`, roles: ['ADMIN'] },
    });
    expect(await countDemoAccounts()).toBe(3);
    await acceptLink({ input: { token, password: PASSWORD, confirmPassword: PASSWORD } });
    expect(await countDemoAccounts()).toBe(0);
  });

  it('go with the first administrator made on the set-up page', async () => {
    await db().user.deleteMany({ where: { roles: { has: 'ADMIN' } } });
    await createFirstAdmin({
      input: { name: 'First', email: `${randomUUID().slice(0, 8)}@site.example`, password: PASSWORD, setupToken: 'code' },
      expectedToken: 'code',
    });
    expect(await countDemoAccounts()).toBe(0);
  });

  it('"Remove demo accounts" is for admins, and refused while no real administrator exists', async () => {
    const clerk: Actor = { id: randomUUID(), email: 'c@x.test', name: 'C', roles: ['CLERK'], siteIds: [] };
    await expect(removeDemoAccounts({ actor: clerk })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeDemoAccounts({ actor: demoAdmin() })).rejects.toThrow(ConflictError);
    await expect(removeDemoAccounts({ actor: demoAdmin() })).rejects.toThrow(NO_REAL_ADMIN_MESSAGE);
    expect(await countDemoAccounts()).toBe(3);
    // A real admin, made directly (as an older installation would have one alongside the demo).
    await db().user.create({ data: { name: 'Old Admin', email: `${randomUUID().slice(0, 8)}@site.example`, passwordHash: 'x', roles: ['ADMIN'] } });
    expect(await removeDemoAccounts({ actor: demoAdmin() })).toEqual({ removed: 3 });
    expect(await countDemoAccounts()).toBe(0);
  });
});
