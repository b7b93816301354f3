import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { createUser, ensureUser, findActor, listUsers, verifySignIn } from './service';

const PASSWORD = 'integration-password';
const unique = () => `${randomUUID().slice(0, 8)}@it.weighbook.test`;

async function makeUser(roles: Actor['roles'] = ['CLERK']) {
  const { user } = await ensureUser({ actor: systemActor(), input: { name: 'Test Person', email: unique(), password: PASSWORD, roles } });
  return user;
}

function actorWith(roles: Actor['roles']): Actor {
  return { id: randomUUID(), email: 'x@y.z', name: 'X', roles, siteIds: [] };
}

describe('signing in', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const user = await makeUser();
    expect((await verifySignIn({ input: { email: user.email.toUpperCase(), password: PASSWORD } })).status).toBe('ok');
    expect((await verifySignIn({ input: { email: user.email, password: 'nope' } })).status).toBe('invalid');
    expect((await verifySignIn({ input: { email: unique(), password: PASSWORD } })).status).toBe('invalid');
  });

  it('ends sessions of disabled accounts and of older session versions', async () => {
    const user = await makeUser(['MANAGER']);
    expect(await findActor({ userId: user.id, sessionVersion: 0 })).toMatchObject({ roles: ['MANAGER'] });
    expect(await findActor({ userId: user.id, sessionVersion: 1 })).toBeNull();
    await db().user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await findActor({ userId: user.id, sessionVersion: 0 })).toBeNull();
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD } })).status).toBe('invalid');
  });
});

describe('managing users', () => {
  it('is refused to clerks and managers, in the service itself', async () => {
    for (const roles of [['CLERK'], ['MANAGER'], ['CLERK', 'MANAGER']] as Actor['roles'][]) {
      await expect(listUsers({ actor: actorWith(roles) })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createUser({ actor: actorWith(roles), input: { name: 'N', email: unique(), password: PASSWORD, roles: ['ADMIN'] } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
  });

  it('writes the user and its audit entry together, never the password', async () => {
    const email = unique();
    const user = await createUser({ actor: systemActor(), input: { name: 'Audited', email, password: PASSWORD, roles: ['CLERK'] } });
    const entries = await db().auditEntry.findMany({ where: { entityType: 'user', entityId: user.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe('user.create');
    expect(JSON.stringify(entries[0]!.changes)).not.toContain(PASSWORD);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('reports a duplicate email on the email field', async () => {
    const email = unique();
    await createUser({ actor: systemActor(), input: { name: 'A', email, password: PASSWORD, roles: ['CLERK'] } });
    const error = await createUser({ actor: systemActor(), input: { name: 'B', email, password: PASSWORD, roles: ['CLERK'] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.email).toEqual(['A user with this email address already exists']);
  });
});
