// Administration of users: the list, one user, creating, editing, disabling and temporary passwords.
// The last active administrator is protected inside each transaction; every change is audited in the
// same transaction, never with a password, hash or token.
import 'server-only';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { diffFields, recordAudit } from '@/lib/audit/service';
import { db, type Tx, isForeignKeyViolation, isUniqueViolation } from '@/lib/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { ROLES } from '@/lib/auth/permissions';
import { retireDemoAccounts } from './demo-accounts';
import type { Role } from '@/lib/generated/prisma/enums';
import { Prisma } from '@/lib/generated/prisma/client';
import {
  createUserSchema,
  firstAdminSchema,
  setTemporaryPasswordSchema,
  setUserDisabledSchema,
  updateUserSchema,
  userIdSchema,
  type CreateUserInput,
  type FirstAdminInput,
  type SetTemporaryPasswordInput,
  type SetUserDisabledInput,
  type UpdateUserInput,
} from './schema';

export type UserStatus = 'active' | 'disabled' | 'invited' | 'invitation-expired';

/** Everyone, with their roles, sites, status and last successful sign-in. */
export async function listUsers({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  assertCan(actor, 'users.manage');
  const users = await db().user.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      disabled: true,
      sites: { select: { site: { select: { id: true, name: true } } }, orderBy: { site: { name: 'asc' } } },
      ...statusSelect,
    },
  });
  return users.map(({ signInAttempts, tokens, ...u }) => ({ ...u, ...signInStatus({ disabled: u.disabled, signInAttempts, tokens }, now) }));
}

/** What a user's status is read from: their last successful sign-in and their open invitation. */
const statusSelect = {
  signInAttempts: { where: { succeeded: true }, orderBy: { at: 'desc' }, take: 1, select: { at: true } },
  tokens: { where: { kind: 'INVITATION', usedAt: null }, orderBy: { expiresAt: 'desc' }, take: 1, select: { expiresAt: true } },
} satisfies Prisma.UserSelect;

function signInStatus(
  u: { disabled: boolean; signInAttempts: { at: Date }[]; tokens: { expiresAt: Date }[] },
  now: Date,
): { lastSignInAt: Date | null; status: UserStatus } {
  const lastSignInAt = u.signInAttempts[0]?.at ?? null;
  const invitationExpiresAt = u.tokens[0]?.expiresAt ?? null;
  const status: UserStatus = u.disabled
    ? 'disabled'
    : invitationExpiresAt && !lastSignInAt
      ? invitationExpiresAt > now
        ? 'invited'
        : 'invitation-expired'
      : 'active';
  return { lastSignInAt, status };
}

/** One user for the edit page. */
export async function getUser({ actor, id, now = new Date() }: { actor: Actor; id: string; now?: Date }) {
  assertCan(actor, 'users.manage');
  if (!userIdSchema.safeParse({ id }).success) throw new NotFoundError('There is no such user.');
  const user = await findUserForAdmin(id, now);
  if (!user) throw new NotFoundError('There is no such user.');
  return user;
}

async function findUserForAdmin(id: string, now: Date) {
  const u = await db().user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      disabled: true,
      sites: { select: { siteId: true } },
      ...statusSelect,
    },
  });
  if (!u) return null;
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    roles: sortRoles(u.roles),
    disabled: u.disabled,
    siteIds: u.sites.map((s) => s.siteId).sort(),
    ...signInStatus(u, now),
  };
}

export const sortRoles = (roles: readonly Role[]) => ROLES.filter((r) => roles.includes(r));

/** `demo`: one of the embedded demo's accounts (lib/users/demo-accounts.ts), removed once a real admin exists. */
export async function createUser({ actor, input, demo = false }: { actor: Actor; input: CreateUserInput; demo?: boolean }) {
  assertCan(actor, 'users.manage');
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          name: data.name,
          email: data.email,
          passwordHash,
          roles: data.roles,
          demo,
          sites: { create: data.siteIds.map((siteId) => ({ siteId })) },
        },
        select: { id: true, name: true, email: true, roles: true },
      });
      await recordAudit(tx, {
        actorId: auditActorId(actor),
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        changes: { name: { to: data.name }, roles: { to: data.roles }, siteIds: { to: data.siteIds } },
      });
      // A real administrator who can sign in now exists: the demo's accounts go in the same change.
      if (data.roles.includes('ADMIN') && !demo) await retireDemoAccounts(tx, auditActorId(actor));
      return user;
    });
  } catch (error) {
    uniqueEmailError(error);
  }
}

export async function countAdmins(): Promise<number> {
  return db().user.count({ where: { roles: { has: 'ADMIN' }, disabled: false } });
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}

/**
 * The one-time set-up: creates the first administrator when there is none. The set-up code printed
 * at start proves the person is the one who installed the app.
 */
export async function createFirstAdmin({ input, expectedToken }: { input: FirstAdminInput; expectedToken: string | null }) {
  const data = firstAdminSchema.parse(input);
  if (!expectedToken || data.setupToken !== expectedToken) {
    throw new ValidationError({ setupToken: ['That set-up code is not right'] });
  }
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(
    async (tx) => {
      if ((await tx.user.count({ where: { roles: { has: 'ADMIN' } } })) > 0) {
        throw new ForbiddenError('Weighbook is already set up. Sign in instead.');
      }
      const user = await tx.user.create({
        data: { name: data.name, email: data.email, passwordHash, roles: ['ADMIN'] },
        select: { id: true, email: true },
      });
      await recordAudit(tx, {
        actorId: null,
        action: 'user.create-first-admin',
        entityType: 'user',
        entityId: user.id,
        changes: { roles: { to: ['ADMIN'] } },
      });
      await retireDemoAccounts(tx, user.id);
      return user;
    },
    { isolationLevel: 'Serializable' },
  );
}

/** Creates a user unless one with that email exists (start-up seeding and test fixtures). */
export async function ensureUser({ actor, input, demo = false }: { actor: Actor; input: CreateUserInput; demo?: boolean }) {
  const existing = await db().user.findUnique({
    where: { email: input.email.trim().toLowerCase() },
    select: { id: true, name: true, email: true, roles: true },
  });
  if (existing) return { user: existing, created: false };
  try {
    return { user: await createUser({ actor, input, demo }), created: true };
  } catch (error) {
    if (error instanceof ValidationError && error.fieldErrors.email) {
      throw new ConflictError('A user with this email address was created at the same time');
    }
    throw error;
  }
}

export const LAST_ADMIN_MESSAGE = 'This is the last active administrator: make someone else an administrator first.';

/**
 * Locks every active administrator's row (in id order, so concurrent callers queue rather than
 * deadlock) and refuses when `userId` is the only one and would stop being an active admin. A caller
 * that waited sees the rows as the first committed them, so two admins demoting each other at the
 * same moment cannot leave none. NO KEY UPDATE (not UPDATE) so that a concurrent site edit adding
 * these people to a site, which key-share locks their rows, neither waits on nor deadlocks with it.
 */
async function assertAdminRemains(tx: Tx, userId: string, after: { roles: readonly Role[]; disabled: boolean }, field?: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM app_user WHERE 'ADMIN'::"Role" = ANY(roles) AND disabled = false ORDER BY id FOR NO KEY UPDATE`;
  const staysAdmin = after.roles.includes('ADMIN') && !after.disabled;
  if (!staysAdmin && admins.length === 1 && admins[0]!.id === userId) {
    if (field) throw new ValidationError({ [field]: [LAST_ADMIN_MESSAGE] }, LAST_ADMIN_MESSAGE);
    throw new ConflictError(LAST_ADMIN_MESSAGE);
  }
}

export async function lockUser(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM app_user WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  if (rows.length === 0) throw new NotFoundError('There is no such user.');
  return tx.user.findUniqueOrThrow({ where: { id }, include: { sites: { select: { siteId: true } } } });
}

export function uniqueEmailError(error: unknown): never {
  if (isUniqueViolation(error)) throw new ValidationError({ email: ['A user with this email address already exists'] });
  if (isForeignKeyViolation(error)) throw new ValidationError({ siteIds: ['Choose sites that exist'] });
  throw error;
}

export async function updateUser({ actor, input }: { actor: Actor; input: UpdateUserInput }) {
  assertCan(actor, 'users.manage');
  const data = updateUserSchema.parse(input);
  const after = { name: data.name, roles: sortRoles(data.roles), siteIds: [...new Set(data.siteIds)].sort() };
  try {
    return await db().$transaction(async (tx) => {
      await assertAdminRemains(tx, data.id, { roles: after.roles, disabled: false }, 'roles');
      const user = await lockUser(tx, data.id);
      const before = { name: user.name, roles: sortRoles(user.roles), siteIds: user.sites.map((s) => s.siteId).sort() };
      const changes = diffFields(before, after, ['name', 'roles', 'siteIds']);
      if (Object.keys(changes).length === 0) return { id: user.id, changed: false };
      await tx.user.update({ where: { id: user.id }, data: { name: after.name, roles: after.roles } });
      if (changes.siteIds) {
        await tx.userSite.deleteMany({ where: { userId: user.id, siteId: { notIn: after.siteIds } } });
        await tx.userSite.createMany({ data: after.siteIds.map((siteId) => ({ userId: user.id, siteId })), skipDuplicates: true });
      }
      await recordAudit(tx, { actorId: auditActorId(actor), action: 'user.update', entityType: 'user', entityId: user.id, changes });
      return { id: user.id, changed: true };
    });
  } catch (error) {
    uniqueEmailError(error);
  }
}

/** Disabling ends the person's sessions at once; the last active administrator cannot be disabled. */
export async function setUserDisabled({ actor, input }: { actor: Actor; input: SetUserDisabledInput }) {
  assertCan(actor, 'users.manage');
  const data = setUserDisabledSchema.parse(input);
  if (data.disabled && data.id === actor.id) {
    throw new ConflictError('You cannot disable your own account: ask another administrator to do it.');
  }
  return db().$transaction(async (tx) => {
    if (data.disabled) await assertAdminRemains(tx, data.id, { roles: [], disabled: true });
    const user = await lockUser(tx, data.id);
    if (user.disabled === data.disabled) return { id: user.id, changed: false };
    await tx.user.update({
      where: { id: user.id },
      data: { disabled: data.disabled, ...(data.disabled ? { sessionVersion: { increment: 1 } } : {}) },
    });
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: data.disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: user.id,
      changes: { disabled: { from: user.disabled, to: data.disabled } },
    });
    return { id: user.id, changed: true };
  });
}

/** The admin sets a temporary password; the person's sessions end and any reset link is spent. */
export async function setTemporaryPassword({ actor, input, now = new Date() }: { actor: Actor; input: SetTemporaryPasswordInput; now?: Date }) {
  assertCan(actor, 'users.manage');
  const data = setTemporaryPasswordSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    const user = await lockUser(tx, data.id);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.userToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'user.password-reset',
      entityType: 'user',
      entityId: user.id,
      changes: { method: 'temporary-password' },
    });
    return { id: user.id };
  });
}

/** A one-time link for the person to choose a new password; their sessions end now. */
