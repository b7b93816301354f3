// Users, their roles and sites, and signing in (with lock-out after repeated failures).
import 'server-only';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@/lib/auth/password';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import {
  createUserSchema,
  firstAdminSchema,
  type CreateUserInput,
  type FirstAdminInput,
} from './schema';

/** Five failed sign-ins within this window lock the account until the window has passed. */
export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { status: 'ok'; userId: string; sessionVersion: number }
  | { status: 'invalid' }
  | { status: 'locked'; retryAfterMinutes: number };

/** Checks an email and password, recording the attempt. Locked accounts are refused before the check. */
export async function verifySignIn({
  input,
  now = new Date(),
}: {
  input: { email: string; password: string };
  now?: Date;
}): Promise<SignInResult> {
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
export async function findActor({
  userId,
  sessionVersion,
}: {
  userId: string;
  sessionVersion: number;
}): Promise<Actor | null> {
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

export async function listUsers({ actor }: { actor: Actor }) {
  assertCan(actor, 'users.manage');
  return db().user.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      disabled: true,
      sites: { select: { site: { select: { id: true, name: true } } } },
    },
  });
}

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
export async function createFirstAdmin({
  input,
  expectedToken,
}: {
  input: FirstAdminInput;
  expectedToken: string | null;
}) {
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

/** Staff accounts matching a data request (by name containing the key, or the same email address). */
export async function findUsersMentioning({ actor, input }: { actor: Actor; input: { by: 'name' | 'email' | 'phone' | 'vehicle'; key: string; limit: number } }) {
  assertCan(actor, 'data-requests.manage');
  if (input.by !== 'name' && input.by !== 'email') return [];
  return db().user.findMany({
    where: input.by === 'name' ? { name: { contains: input.key, mode: 'insensitive' } } : { email: { equals: input.key, mode: 'insensitive' } },
    select: { id: true, name: true, email: true, disabled: true, roles: true, createdAt: true },
    orderBy: { name: 'asc' },
    take: input.limit,
  });
}
