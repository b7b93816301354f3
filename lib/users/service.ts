// Users, their roles and sites, and signing in (with lock-out after repeated failures).
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@/lib/auth/password';
import { diffFields, recordAudit } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { ROLES } from '@/lib/auth/permissions';
import type { Role, UserTokenKind } from '@/lib/generated/prisma/enums';
import { Prisma } from '@/lib/generated/prisma/client';
import {
  acceptInvitationSchema,
  createUserSchema,
  firstAdminSchema,
  inviteUserSchema,
  setTemporaryPasswordSchema,
  setUserDisabledSchema,
  updateUserSchema,
  userIdSchema,
  type AcceptInvitationInput,
  type CreateUserInput,
  type FirstAdminInput,
  type InviteUserInput,
  type SetTemporaryPasswordInput,
  type SetUserDisabledInput,
  type UpdateUserInput,
} from './schema';

/** Five failed sign-ins within this window lock the account until the window has passed. */
export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult = { status: 'ok'; userId: string; sessionVersion: number } | { status: 'invalid' } | { status: 'locked'; retryAfterMinutes: number };

/** Checks an email and password, recording the attempt. Locked accounts are refused before the check. */
export async function verifySignIn({ input, now = new Date() }: { input: { email: string; password: string }; now?: Date }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email } });
  if (!user || user.disabled) {
    await burnPasswordCheck(input.password);
    return { status: 'invalid' };
  }
  const locked = await lockedUntil(user.id, now);
  if (locked) return { status: 'locked', retryAfterMinutes: minutesUntil(locked, now) };

  const good = await verifyPassword(input.password, user.passwordHash);
  await db().signInAttempt.create({ data: { userId: user.id, succeeded: good, at: now } });
  if (good) return { status: 'ok', userId: user.id, sessionVersion: user.sessionVersion };

  const lockedNow = await lockedUntil(user.id, now);
  if (lockedNow) return { status: 'locked', retryAfterMinutes: minutesUntil(lockedNow, now) };
  return { status: 'invalid' };
}

async function lockedUntil(userId: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS);
  const lastSuccess = await db().signInAttempt.findFirst({
    where: { userId, succeeded: true, at: { gte: since } },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  const failures = await db().signInAttempt.findMany({
    where: { userId, succeeded: false, at: { gte: lastSuccess?.at ?? since } },
    orderBy: { at: 'desc' },
    take: LOCKOUT_ATTEMPTS,
    select: { at: true },
  });
  if (failures.length < LOCKOUT_ATTEMPTS) return null;
  // Locked until the oldest of the last five failures leaves the window.
  const oldest = failures[failures.length - 1]!.at;
  return new Date(oldest.getTime() + LOCKOUT_WINDOW_MS);
}

function minutesUntil(t: Date, now: Date): number {
  return Math.max(1, Math.ceil((t.getTime() - now.getTime()) / 60_000));
}

/** The actor behind a session, or null when the account is gone, disabled or its sessions revoked. */
export async function findActor({ userId, sessionVersion }: { userId: string; sessionVersion: number }): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    include: { sites: { select: { siteId: true } } },
  });
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    siteIds: user.sites.map((s) => s.siteId),
  };
}

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

const sortRoles = (roles: readonly Role[]) => ROLES.filter((r) => roles.includes(r));

export async function createUser({ actor, input }: { actor: Actor; input: CreateUserInput }) {
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
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ValidationError({ email: ['A user with this email address already exists'] });
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
      throw new ValidationError({ siteIds: ['Choose sites that exist'] });
    }
    throw error;
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
      return user;
    },
    { isolationLevel: 'Serializable' },
  );
}

/** Creates a user unless one with that email exists (start-up seeding and test fixtures). */
export async function ensureUser({ actor, input }: { actor: Actor; input: CreateUserInput }) {
  const existing = await db().user.findUnique({
    where: { email: input.email.trim().toLowerCase() },
    select: { id: true, name: true, email: true, roles: true },
  });
  if (existing) return { user: existing, created: false };
  try {
    return { user: await createUser({ actor, input }), created: true };
  } catch (error) {
    if (error instanceof ValidationError && error.fieldErrors.email) {
      throw new ConflictError('A user with this email address was created at the same time');
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Administration: invitations, edits, disabling, password resets. The last active administrator is
// protected inside each transaction; every change is audited in the same transaction, never with a
// password, hash or token.
// ---------------------------------------------------------------------------------------------

/** Invitation and reset links last this long. */
export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const LAST_ADMIN_MESSAGE = 'This is the last active administrator: make someone else an administrator first.';

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A fresh random token; only its hash is stored. Earlier unused links of the user are spent. */
async function issueLink(tx: Tx, userId: string, kind: UserTokenKind, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.userToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await tx.userToken.create({ data: { userId, kind, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS) } });
  return token;
}

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

async function lockUser(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM app_user WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  if (rows.length === 0) throw new NotFoundError('There is no such user.');
  return tx.user.findUniqueOrThrow({ where: { id }, include: { sites: { select: { siteId: true } } } });
}

function uniqueEmailError(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new ValidationError({ email: ['A user with this email address already exists'] });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
    throw new ValidationError({ siteIds: ['Choose sites that exist'] });
  }
  throw error;
}

/** Creates an account without a usable password and returns the one-time invitation token (shown once). */
export async function inviteUser({ actor, input, now = new Date() }: { actor: Actor; input: InviteUserInput; now?: Date }) {
  assertCan(actor, 'users.manage');
  const data = inviteUserSchema.parse(input);
  // Nobody knows this password: the account is usable only once the invitation is accepted.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: data.name, email: data.email, passwordHash, roles: sortRoles(data.roles), sites: { create: data.siteIds.map((siteId) => ({ siteId })) } },
        select: { id: true, name: true, email: true },
      });
      const token = await issueLink(tx, user.id, 'INVITATION', now);
      await recordAudit(tx, {
        actorId: auditActorId(actor),
        action: 'user.invite',
        entityType: 'user',
        entityId: user.id,
        changes: { name: { to: data.name }, email: { to: data.email }, roles: { to: sortRoles(data.roles) }, siteIds: { to: [...data.siteIds].sort() } },
      });
      return { user, token };
    });
  } catch (error) {
    uniqueEmailError(error);
  }
}

/** Name, roles and sites. Removing the last active administrator's ADMIN role is refused. */
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
export async function issuePasswordResetLink({ actor, input, now = new Date() }: { actor: Actor; input: { id: string }; now?: Date }) {
  assertCan(actor, 'users.manage');
  const data = userIdSchema.parse(input);
  return db().$transaction(async (tx) => {
    const user = await lockUser(tx, data.id);
    await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    const token = await issueLink(tx, user.id, 'PASSWORD_RESET', now);
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'user.password-reset',
      entityType: 'user',
      entityId: user.id,
      changes: { method: 'link' },
    });
    return { id: user.id, token };
  });
}

/** A fresh invitation link for someone who has not accepted theirs (the earlier link stops working). */
export async function reissueInvitation({ actor, input, now = new Date() }: { actor: Actor; input: { id: string }; now?: Date }) {
  assertCan(actor, 'users.manage');
  const data = userIdSchema.parse(input);
  return db().$transaction(async (tx) => {
    const user = await lockUser(tx, data.id);
    const token = await issueLink(tx, user.id, 'INVITATION', now);
    await recordAudit(tx, { actorId: auditActorId(actor), action: 'user.reinvite', entityType: 'user', entityId: user.id, changes: {} });
    return { id: user.id, token };
  });
}

/** What the public link page shows, or null when the link is unknown, spent or expired. */
export async function findLink({ token, now = new Date() }: { token: string; now?: Date }) {
  const link = await db().userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { kind: true, usedAt: true, expiresAt: true, user: { select: { name: true, email: true, disabled: true } } },
  });
  if (!link || link.usedAt || link.expiresAt <= now || link.user.disabled) return null;
  return { kind: link.kind, name: link.user.name, email: link.user.email };
}

export const LINK_INVALID_MESSAGE = 'This link has expired or has already been used. Ask an administrator for a new one.';

/** Sets the password from an invitation or reset link. The link is spent in the same transaction. */
export async function acceptLink({ input, now = new Date() }: { input: AcceptInvitationInput; now?: Date }) {
  const data = acceptInvitationSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    const link = await tx.userToken.findUnique({ where: { tokenHash: hashToken(data.token) }, include: { user: { select: { disabled: true, email: true } } } });
    // The conditional update is the single-use guard: of two concurrent uses only one spends it.
    const spent =
      link && !link.user.disabled
        ? await tx.userToken.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
        : { count: 0 };
    if (!link || spent.count !== 1) throw new ValidationError({ _form: [LINK_INVALID_MESSAGE] }, LINK_INVALID_MESSAGE);
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actorId: link.userId,
      action: link.kind === 'INVITATION' ? 'user.accept-invitation' : 'user.password-set',
      entityType: 'user',
      entityId: link.userId,
      changes: {},
    });
    return { email: link.user.email };
  });
}

/** Display names of users by id (for audit histories); ids of deleted users are simply absent. */
export async function namesOfUsers(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Staff accounts matching a data request (by name containing the key, or the same email address). */
export async function findUsersMentioning({
  actor,
  input,
}: {
  actor: Actor;
  input: { by: 'name' | 'email' | 'phone' | 'vehicle'; key: string; limit: number };
}) {
  assertCan(actor, 'data-requests.manage');
  if (input.by !== 'name' && input.by !== 'email') return [];
  return db().user.findMany({
    where: input.by === 'name' ? { name: { contains: input.key, mode: 'insensitive' } } : { email: { equals: input.key, mode: 'insensitive' } },
    select: { id: true, name: true, email: true, disabled: true, roles: true, createdAt: true },
    orderBy: { name: 'asc' },
    take: input.limit,
  });
}
