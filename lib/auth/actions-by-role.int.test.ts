// Every server action refuses, on the server, each role its permission does not list. The table below
// must name every exported action of every lib/*/actions.ts: a new action without a row fails here.
import { randomUUID } from 'node:crypto';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSite } from '@/lib/sites/service';
import { systemActor, type Actor } from './actor';
import { can, ROLES, type Permission } from './permissions';

let current: Actor | null = null;
/** A site every test actor works at, for site-scoped actions. */
let siteId = '';
beforeAll(async () => {
  siteId = (await createSite({ actor: systemActor(), input: { name: `Roles ${randomUUID().slice(0, 6)}` } })).id;
});
vi.mock('@/lib/auth/session', () => ({ getActor: async () => current }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type AnyAction = (input: unknown) => Promise<{ ok: boolean; formError?: string }>;

/** action name → the permission it needs (null: public, guarded otherwise) and an input that is valid. */
const ACTIONS: Record<string, { permission: Permission | null; input: () => unknown; allowedResult?: { ok: boolean } }> = {
  createUserAction: {
    permission: 'users.manage',
    input: () => ({ name: 'Role Test', email: `${randomUUID().slice(0, 8)}@it.weighbook.test`, password: 'a-long-password-1', roles: ['CLERK'] }),
  },
  createFirstAdminAction: { permission: null, input: () => ({}) },
  syncReferenceDataAction: { permission: 'dwt.manage', input: () => ({}) },
  submitLoadAction: {
    permission: 'loads.create',
    input: () => ({ id: randomUUID(), siteId, expectedVersion: null, intent: 'draft', form: {} }),
  },
  // A load that needs no check: allowed roles get a clear refusal from the service, not a permission one.
  sendAgainAsNewAction: { permission: 'loads.manage', input: () => ({ loadId: randomUUID() }), allowedResult: { ok: false } },
  recordWasteTrackingIdAction: {
    permission: 'loads.manage',
    input: () => ({ loadId: randomUUID(), wasteTrackingId: '26ABCDEF' }),
    allowedResult: { ok: false },
  },
  // Two-pass weighing: a typed weight at a site without an indicator needs no reason; a new vehicle each time.
  weighInAction: {
    permission: 'weighings.create',
    input: () => ({ id: randomUUID(), siteId, vehicleRegistration: `R${randomUUID().slice(0, 6)}`, weight: { source: 'manual', amount: '12', reason: '' } }),
  },
  weighOutAction: {
    permission: 'weighings.create',
    input: () => ({ loadId: randomUUID(), weight: { source: 'manual', amount: '4', reason: '' } }),
    allowedResult: { ok: false },
  },
  findStoredTareAction: { permission: 'weighings.create', input: () => ({ siteId, vehicleRegistration: 'AB12 CDE' }) },
  recordTareAction: { permission: 'tares.manage', input: () => ({ siteId, vehicleRegistration: 'TA12 RES', amount: '10', unit: 'Tonnes' }) },
  removeTareAction: { permission: 'tares.manage', input: () => ({ siteId, vehicleRegistration: 'NO01 TAR' }), allowedResult: { ok: false } },
  // Nothing is held for a random apiCode: admins get the service's "nothing held" refusal, not a permission one;
  // lib/delivery/holds.int.test.ts holds and releases for real.
  tryApiCodeNowAction: { permission: 'dwt.manage', input: () => ({ apiCode: randomUUID() }), allowedResult: { ok: false } },
  lastLoadForCarrierAction: { permission: 'loads.create', input: () => ({ siteId, carrierName: 'Nobody Ltd' }) },
  lastLoadForVehicleAction: { permission: 'loads.create', input: () => ({ siteId, vehicleRegistration: 'ZZ99 ZZZ' }) },
  searchPartiesAction: { permission: 'loads.create', input: () => ({ siteId, kind: 'CARRIER', query: 'Acme' }) },
  findCarrierByVehicleAction: { permission: 'loads.create', input: () => ({ siteId, vehicleRegistration: 'AB12 CDE' }) },
  saveToAddressBookAction: {
    permission: 'loads.create',
    input: () => ({ siteId, kind: 'CARRIER', organisationName: 'Role Test Haulage', registrationNumber: 'CBDU123456' }),
  },
  // Saved DWT settings would redirect other test files' deliveries (one shared database), so admins get the
  // service's refusal of a blank secret when nothing is saved; lib/dwt-settings/service.int.test.ts saves for real.
  saveDwtSettingsAction: {
    permission: 'dwt.manage',
    input: () => ({ environment: 'sandbox', apiBaseUrl: 'http://127.0.0.1:9', authUrl: 'http://127.0.0.1:9', clientId: 'role-test', clientSecret: '' }),
    allowedResult: { ok: false },
  },
  removeDwtSettingsAction: { permission: 'dwt.manage', input: () => ({}) },
  // Nothing listens on port 9: the test itself runs and reports "connection refused".
  testDwtConnectionAction: {
    permission: 'dwt.manage',
    input: () => ({
      environment: 'sandbox',
      apiBaseUrl: 'http://127.0.0.1:9',
      authUrl: 'http://127.0.0.1:9',
      clientId: 'role-test',
      clientSecret: 'role-test-secret',
    }),
  },
  // Administration of users and sites. Unknown ids: allowed roles get "no such user/site", not a refusal.
  inviteUserAction: {
    permission: 'users.manage',
    input: () => ({ name: 'Role Invite', email: `${randomUUID().slice(0, 8)}@it.weighbook.test`, roles: ['CLERK'] }),
  },
  updateUserAction: { permission: 'users.manage', input: () => ({ id: randomUUID(), name: 'Nobody', roles: ['CLERK'] }), allowedResult: { ok: false } },
  setUserDisabledAction: { permission: 'users.manage', input: () => ({ id: randomUUID(), disabled: true }), allowedResult: { ok: false } },
  setTemporaryPasswordAction: { permission: 'users.manage', input: () => ({ id: randomUUID(), password: 'a-long-password-1' }), allowedResult: { ok: false } },
  issuePasswordResetLinkAction: { permission: 'users.manage', input: () => ({ id: randomUUID() }), allowedResult: { ok: false } },
  reissueInvitationAction: { permission: 'users.manage', input: () => ({ id: randomUUID() }), allowedResult: { ok: false } },
  // Removing the demo accounts for real would change the shared database under other test files, so allowed
  // roles get past the permission check and are refused by the (no-input) schema instead;
  // lib/users/demo-accounts.int.test.ts removes them for real.
  removeDemoAccountsAction: { permission: 'users.manage', input: () => ({ unexpected: true }), allowedResult: { ok: false } },
  acceptInvitationAction: { permission: null, input: () => ({}) },
  createSiteAction: {
    permission: 'sites.manage',
    input: () => ({ name: `Role site ${randomUUID().slice(0, 6)}`, authorisationNumber: 'EPR/AB1234CD', postcode: 'ls11aa' }),
  },
  updateSiteAction: { permission: 'sites.manage', input: () => ({ id: randomUUID(), name: 'Nowhere' }), allowedResult: { ok: false } },
  // Address-book administration and customers' data requests (admins only). Entries that do not exist:
  // allowed roles get a "not found" refusal from the service, not a permission one.
  adminSavePartyAction: {
    permission: 'address-book.manage',
    input: () => ({ id: randomUUID(), siteId, kind: 'CARRIER', organisationName: 'Role Test Haulage', registrationNumber: 'CBDU123456' }),
    allowedResult: { ok: false },
  },
  mergePartiesAction: {
    permission: 'address-book.manage',
    input: () => ({ survivorId: randomUUID(), mergedIds: [randomUUID()] }),
    allowedResult: { ok: false },
  },
  findPersonalDataAction: { permission: 'data-requests.manage', input: () => ({ by: 'name', value: `Nobody ${randomUUID()}` }) },
  erasePersonalDataAction: {
    permission: 'data-requests.manage',
    input: () => ({ by: 'email', value: `nobody.${randomUUID()}@it.weighbook.test`, entryIds: [], loadIds: [], confirmed: true }),
  },
  saveRetentionAction: { permission: 'data-requests.manage', input: () => ({ enabled: false }) },
  saveBackupSettingsAction: { permission: 'backups.manage', input: () => ({ time: '02:30', folder: '', keepDays: 14 }) },
  // The integration database is not the embedded one: allowed roles are told backups are the operator's job.
  startBackupAction: { permission: 'backups.manage', input: () => ({}), allowedResult: { ok: false } },
};

async function loadAllActions(): Promise<Record<string, AnyAction>> {
  const libDir = path.resolve(import.meta.dirname, '..');
  const out: Record<string, AnyAction> = {};
  for (const domain of readdirSync(libDir)) {
    const file = path.join(libDir, domain, 'actions.ts');
    if (!existsSync(file)) continue;
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) if (typeof fn === 'function') out[name] = fn as AnyAction;
  }
  return out;
}

describe('server actions by role', () => {
  beforeEach(() => {
    current = null;
  });

  it('every action is in the table', async () => {
    expect(Object.keys(await loadAllActions()).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const [name, spec] of Object.entries(ACTIONS)) {
    if (!spec.permission) continue;
    const permission = spec.permission;
    for (const role of ROLES) {
      const allowed = can([role], permission);
      it(`${name} is ${allowed ? 'allowed' : 'refused'} for ${role}`, async () => {
        const action = (await loadAllActions())[name]!;
        current = { id: randomUUID(), email: 'role@test', name: 'Role', roles: [role], siteIds: [siteId] };
        const result = await action(spec.input());
        if (allowed) {
          expect(result).toMatchObject(spec.allowedResult ?? { ok: true });
          expect(result.formError).not.toBe('You are not allowed to do that.');
        } else expect(result).toEqual({ ok: false, code: 'forbidden', formError: 'You are not allowed to do that.' });
      });
    }
    it(`${name} asks a signed-out visitor to sign in`, async () => {
      const action = (await loadAllActions())[name]!;
      expect(await action(spec.input())).toEqual({ ok: false, code: 'unauthenticated', formError: 'Your session has ended. Sign in again to continue.' });
    });
  }

  it('the one-time set-up refuses a wrong set-up code', async () => {
    const action = (await loadAllActions()).createFirstAdminAction!;
    const result = await action({ setupToken: 'WRONG', name: 'Eve', email: 'eve@it.weighbook.test', password: 'a-long-password-1' });
    expect(result).toMatchObject({ ok: false, fieldErrors: { setupToken: ['That set-up code is not right'] } });
  });

  it('accepting an invitation refuses an unknown link', async () => {
    const action = (await loadAllActions()).acceptInvitationAction!;
    const result = await action({ token: 'not-a-real-token', password: 'a-long-password-1', confirmPassword: 'a-long-password-1' });
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining('expired or has already been used') });
  });
});
