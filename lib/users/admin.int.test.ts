// Administration of users: invitations, edits, disabling, resets, and the last-admin guard.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useOwnDatabase } from '@/test/delivery-harness';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { createSite } from '@/lib/sites/service';
import {
  acceptLink,
  createUser,
  findActor,
  findLink,
  getUser,
  inviteUser,
  issuePasswordResetLink,
  LAST_ADMIN_MESSAGE,
  LINK_LIFETIME_MS,
  listUsers,
  reissueInvitation,
  setTemporaryPassword,
  setUserDisabled,
  updateUser,
  verifySignIn,
} from './service';

// The last-admin guard counts every administrator in the database: a database of its own keeps other
// files' admins (and this file's disabling of them) apart.
let own: Awaited<ReturnType<typeof useOwnDatabase>>;
beforeAll(async () => {
  own = await useOwnDatabase('users_admin');
});
afterAll(async () => {
  await own.drop();
});

const PASSWORD = 'integration-password';
const NEW_PASSWORD = 'a-brand-new-password';
const unique = () => `${randomUUID().slice(0, 8)}@admin.it.weighbook.test`;
const admin = systemActor();

function actorWith(roles: Actor['roles'], id: string = randomUUID()): Actor {
  return { id, email: 'x@y.z', name: 'X', roles, siteIds: [] };
}

async function makeUser(roles: Actor['roles'] = ['CLERK'], siteIds: string[] = []) {
  return createUser({ actor: admin, input: { name: 'Person', email: unique(), password: PASSWORD, roles, siteIds } });
}

async function auditOf(id: string) {
  return db().auditEntry.findMany({
    where: { entityType: 'user', entityId: id },
    orderBy: { id: 'asc' },
    select: { action: true, actorId: true, changes: true },
  });
}

/**
 * The last-admin guard counts every active admin in the database, so these tests first disable all
 * other admins (left by other tests) and restore them afterwards.
 */
async function withOnlyAdmins<T>(ids: string[], fn: () => Promise<T>): Promise<T> {
  const others = await db().user.findMany({ where: { roles: { has: 'ADMIN' }, disabled: false, id: { notIn: ids } }, select: { id: true } });
  await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: true } });
  try {
    return await fn();
  } finally {
    await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: false } });
  }
}

describe('administration is refused to clerks and managers, in the service', () => {
  it('refuses every admin function', async () => {
    const target = await makeUser();
    for (const roles of [['CLERK'], ['MANAGER'], ['CLERK', 'MANAGER']] as Actor['roles'][]) {
      const actor = actorWith(roles);
      const calls = [
        () => inviteUser({ actor, input: { name: 'N', email: unique(), roles: ['ADMIN'] } }),
        () => updateUser({ actor, input: { id: target.id, name: 'N', roles: ['ADMIN'] } }),
        () => setUserDisabled({ actor, input: { id: target.id, disabled: true } }),
        () => setTemporaryPassword({ actor, input: { id: target.id, password: NEW_PASSWORD } }),
        () => issuePasswordResetLink({ actor, input: { id: target.id } }),
        () => reissueInvitation({ actor, input: { id: target.id } }),
        () => getUser({ actor, id: target.id }),
      ];
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await getUser({ actor: admin, id: target.id })).roles).toEqual(['CLERK']);
  });
});

describe('invitations', () => {
  it('creates an account that cannot sign in until the one-time link sets a password', async () => {
    const site = await createSite({ actor: admin, input: { name: `Invite ${randomUUID().slice(0, 6)}` } });
    const email = unique();
    const { user, token } = await inviteUser({ actor: admin, input: { name: 'Ivy Invited', email, roles: ['CLERK'], siteIds: [site.id] } });
    expect(token.length).toBeGreaterThanOrEqual(40);

    // Only the hash is stored.
    const stored = await db().userToken.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await listUsers({ actor: admin })).find((u) => u.id === user.id)).toMatchObject({ status: 'invited', lastSignInAt: null });
    expect(await findLink({ token })).toEqual({ kind: 'INVITATION', name: 'Ivy Invited', email });

    await acceptLink({ input: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect((await verifySignIn({ input: { email, password: NEW_PASSWORD } })).status).toBe('ok');
    expect((await listUsers({ actor: admin })).find((u) => u.id === user.id)).toMatchObject({ status: 'active' });

    // Spent: a second use is refused and the password stays.
    expect(await findLink({ token })).toBeNull();
    const again = await acceptLink({ input: { token, password: 'another-password-1', confirmPassword: 'another-password-1' } }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as Error).message).toMatch(/expired or has already been used/);
    expect((await verifySignIn({ input: { email, password: NEW_PASSWORD } })).status).toBe('ok');

    const entries = await auditOf(user.id);
    expect(entries.map((e) => e.action)).toEqual(['user.invite', 'user.accept-invitation']);
    const text = JSON.stringify(entries);
    for (const secret of [token, NEW_PASSWORD, stored[0]!.tokenHash]) expect(text).not.toContain(secret);
  });

  it('refuses a link after seven days', async () => {
    const now = new Date('2026-11-01T09:00:00Z');
    const { token } = await inviteUser({ actor: admin, input: { name: 'Late', email: unique(), roles: ['CLERK'] }, now });
    const justBefore = new Date(now.getTime() + LINK_LIFETIME_MS - 1000);
    const after = new Date(now.getTime() + LINK_LIFETIME_MS);
    expect(await findLink({ token, now: justBefore })).not.toBeNull();
    expect(await findLink({ token, now: after })).toBeNull();
    await expect(acceptLink({ input: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, now: after })).rejects.toBeInstanceOf(ValidationError);
  });

  it('spends the link exactly once when two people use it at the same moment', async () => {
    const { token, user } = await inviteUser({ actor: admin, input: { name: 'Racer', email: unique(), roles: ['CLERK'] } });
    const results = await Promise.allSettled([
      acceptLink({ input: { token, password: 'first-password-1', confirmPassword: 'first-password-1' } }),
      acceptLink({ input: { token, password: 'second-password-2', confirmPassword: 'second-password-2' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await auditOf(user.id)).filter((e) => e.action === 'user.accept-invitation')).toHaveLength(1);
  });

  it('a re-issued invitation replaces the earlier link', async () => {
    const { token, user } = await inviteUser({ actor: admin, input: { name: 'Twice', email: unique(), roles: ['CLERK'] } });
    const { token: second } = await reissueInvitation({ actor: admin, input: { id: user.id } });
    expect(await findLink({ token })).toBeNull();
    expect(await findLink({ token: second })).not.toBeNull();
  });

  it('reports a duplicate email on the email field', async () => {
    const existing = await makeUser();
    const error = await inviteUser({ actor: admin, input: { name: 'Dup', email: existing.email.toUpperCase(), roles: ['CLERK'] } }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors.email).toEqual(['A user with this email address already exists']);
  });
});

describe('editing a user', () => {
  it('changes name, roles and sites, auditing field diffs', async () => {
    const [a, b] = await Promise.all([
      createSite({ actor: admin, input: { name: `Edit A ${randomUUID().slice(0, 6)}` } }),
      createSite({ actor: admin, input: { name: `Edit B ${randomUUID().slice(0, 6)}` } }),
    ]);
    const user = await makeUser(['CLERK'], [a.id]);
    const result = await updateUser({ actor: admin, input: { id: user.id, name: 'Renamed', roles: ['MANAGER', 'CLERK'], siteIds: [b.id] } });
    expect(result.changed).toBe(true);
    expect(await getUser({ actor: admin, id: user.id })).toMatchObject({ name: 'Renamed', roles: ['CLERK', 'MANAGER'], siteIds: [b.id] });
    const entry = (await auditOf(user.id)).at(-1)!;
    expect(entry.action).toBe('user.update');
    expect(entry.changes).toEqual({
      name: { from: 'Person', to: 'Renamed' },
      roles: { from: ['CLERK'], to: ['CLERK', 'MANAGER'] },
      siteIds: { from: [a.id], to: [b.id] },
    });
    // Nothing changed: no audit entry.
    expect((await updateUser({ actor: admin, input: { id: user.id, name: 'Renamed', roles: ['CLERK', 'MANAGER'], siteIds: [b.id] } })).changed).toBe(false);
    expect(await auditOf(user.id)).toHaveLength(2);
  });

  it('names the field for bad input and unknown ids', async () => {
    const user = await makeUser();
    const error = await updateUser({ actor: admin, input: { id: user.id, name: ' ', roles: [] } }).catch((e: unknown) => e);
    expect(JSON.stringify(error)).toContain('Enter the person’s name');
    await expect(updateUser({ actor: admin, input: { id: randomUUID(), name: 'X', roles: ['CLERK'] } })).rejects.toBeInstanceOf(NotFoundError);
    const sites = await updateUser({ actor: admin, input: { id: user.id, name: 'X', roles: ['CLERK'], siteIds: [randomUUID()] } }).catch((e: unknown) => e);
    expect((sites as ValidationError).fieldErrors.siteIds).toEqual(['Choose sites that exist']);
  });
});

describe('disabling and resetting', () => {
  it('disabling ends the person’s sessions at once; enabling lets them sign in again', async () => {
    const user = await makeUser(['MANAGER']);
    expect(await findActor({ userId: user.id, sessionVersion: 0 })).not.toBeNull();
    await setUserDisabled({ actor: admin, input: { id: user.id, disabled: true } });
    expect(await findActor({ userId: user.id, sessionVersion: 0 })).toBeNull();
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD } })).status).toBe('invalid');
    await setUserDisabled({ actor: admin, input: { id: user.id, disabled: false } });
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD } })).status).toBe('ok');
    expect(await findActor({ userId: user.id, sessionVersion: 0 })).toBeNull(); // the old session stays ended
    const entries = await auditOf(user.id);
    expect(entries.map((e) => [e.action, e.changes])).toEqual([
      ['user.create', expect.anything()],
      ['user.disable', { disabled: { from: false, to: true } }],
      ['user.enable', { disabled: { from: true, to: false } }],
    ]);
  });

  it('an admin cannot disable their own account', async () => {
    const me = await makeUser(['ADMIN']);
    const error = await setUserDisabled({ actor: actorWith(['ADMIN'], me.id), input: { id: me.id, disabled: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/cannot disable your own account/);
  });

  it('a temporary password ends sessions and is never audited', async () => {
    const user = await makeUser();
    await setTemporaryPassword({ actor: admin, input: { id: user.id, password: NEW_PASSWORD } });
    expect(await findActor({ userId: user.id, sessionVersion: 0 })).toBeNull();
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD } })).status).toBe('invalid');
    const ok = await verifySignIn({ input: { email: user.email, password: NEW_PASSWORD } });
    expect(ok).toMatchObject({ status: 'ok', sessionVersion: 1 });
    const text = JSON.stringify(await auditOf(user.id));
    expect(text).toContain('user.password-reset');
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain('$2');
  });

  it('a reset link ends sessions now, and again once used', async () => {
    const user = await makeUser();
    const { token } = await issuePasswordResetLink({ actor: admin, input: { id: user.id } });
    expect(await findActor({ userId: user.id, sessionVersion: 0 })).toBeNull();
    expect(await findLink({ token })).toMatchObject({ kind: 'PASSWORD_RESET' });
    await acceptLink({ input: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect(await verifySignIn({ input: { email: user.email, password: NEW_PASSWORD } })).toMatchObject({ status: 'ok', sessionVersion: 2 });
    expect(JSON.stringify(await auditOf(user.id))).not.toContain(token);
  });

  it('a disabled person cannot use a link', async () => {
    const { user, token } = await inviteUser({ actor: admin, input: { name: 'Gone', email: unique(), roles: ['CLERK'] } });
    await setUserDisabled({ actor: admin, input: { id: user.id, disabled: true } });
    expect(await findLink({ token })).toBeNull();
    await expect(acceptLink({ input: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('the last active administrator', () => {
  it('cannot be demoted or disabled, with a clear message', async () => {
    const only = await makeUser(['ADMIN']);
    const other = await makeUser(['CLERK']);
    await withOnlyAdmins([only.id], async () => {
      const demote = await updateUser({ actor: admin, input: { id: only.id, name: 'Only', roles: ['MANAGER'] } }).catch((e: unknown) => e);
      expect(demote).toBeInstanceOf(ValidationError);
      expect((demote as ValidationError).fieldErrors.roles).toEqual([LAST_ADMIN_MESSAGE]);
      const disable = await setUserDisabled({ actor: actorWith(['ADMIN']), input: { id: only.id, disabled: true } }).catch((e: unknown) => e);
      expect(disable).toBeInstanceOf(ConflictError);
      expect((disable as Error).message).toBe(LAST_ADMIN_MESSAGE);
      expect(await getUser({ actor: admin, id: only.id })).toMatchObject({ roles: ['ADMIN'], disabled: false });
      // Other people are unaffected; and once a second admin exists, the first may step down.
      await updateUser({ actor: admin, input: { id: other.id, name: 'Other', roles: ['CLERK', 'ADMIN'] } });
      await updateUser({ actor: admin, input: { id: only.id, name: 'Only', roles: ['MANAGER'] } });
      await expect(updateUser({ actor: admin, input: { id: other.id, name: 'Other', roles: ['CLERK'] } })).rejects.toBeInstanceOf(ValidationError);
    });
  });

  it('two admins demoting each other at the same moment leave one admin', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await makeUser(['ADMIN']);
      const b = await makeUser(['ADMIN']);
      await withOnlyAdmins([a.id, b.id], async () => {
        const results = await Promise.allSettled([
          updateUser({ actor: actorWith(['ADMIN'], a.id), input: { id: b.id, name: 'B', roles: ['CLERK'] } }),
          updateUser({ actor: actorWith(['ADMIN'], b.id), input: { id: a.id, name: 'A', roles: ['CLERK'] } }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(ValidationError);
        const left = await db().user.count({ where: { id: { in: [a.id, b.id] }, roles: { has: 'ADMIN' }, disabled: false } });
        expect(left).toBe(1);
      });
    }
  });

  it('two admins disabling each other at the same moment leave one admin', async () => {
    const a = await makeUser(['ADMIN']);
    const b = await makeUser(['ADMIN']);
    await withOnlyAdmins([a.id, b.id], async () => {
      const results = await Promise.allSettled([
        setUserDisabled({ actor: actorWith(['ADMIN'], a.id), input: { id: b.id, disabled: true } }),
        setUserDisabled({ actor: actorWith(['ADMIN'], b.id), input: { id: a.id, disabled: true } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await db().user.count({ where: { id: { in: [a.id, b.id] }, disabled: false } })).toBe(1);
    });
  });
});
