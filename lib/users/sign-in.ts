// Signing in: throttled by client address and by account-from-that-address, with growing delays.
// Every attempt is counted in Postgres, under a row lock, BEFORE any password is compared, so parallel
// guesses are all counted. Nothing here can be set off by a stranger against a person signing in from
// another address (there is no account-wide lock), and every refusal looks the same: unknown email,
// wrong password, disabled account and throttled attempt all answer 'invalid'.
import 'server-only';
import { createHmac } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { burnPasswordCheck, checkPassword, hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';

export type SignInResult = { status: 'ok'; userId: string; sessionVersion: number } | { status: 'invalid' };

/** The one message for every failed sign-in. */
export const SIGN_IN_FAILED_MESSAGE = 'The email address or password is not right.';

export interface ThrottleRule {
  /** Attempts allowed before any delay. */
  free: number;
  /** The first delay; each further attempt doubles it, up to capMs. */
  baseMs: number;
  capMs: number;
}

/** One account from one address; one address over every account (a gatehouse PC serves several clerks). */
export const THROTTLE = {
  account: { free: 5, baseMs: 1_000, capMs: 15 * 60_000 },
  address: { free: 30, baseMs: 1_000, capMs: 15 * 60_000 },
} satisfies Record<string, ThrottleRule>;
/** A key with no attempt for this long starts again from nothing. */
export const THROTTLE_IDLE_RESET_MS = 60 * 60_000;

/** The wait before the next attempt may be compared, after `attempts` attempts. */
export function throttleDelayMs(rule: ThrottleRule, attempts: number): number {
  if (attempts < rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(30, attempts - rule.free));
}

// Keys are keyed hashes: the table holds neither addresses nor email addresses.
const keyOf = (kind: string, value: string) =>
  `${kind}:${createHmac('sha256', env().NEXTAUTH_SECRET ?? 'weighbook')
    .update(value)
    .digest('base64url')}`;

/**
 * Counts one attempt on each key and says whether it may go on to the password comparison, in ONE
 * statement: the upsert locks each row (keys in order), so parallel attempts queue and each sees the
 * count the previous one left. Refused attempts are counted too. last_at is the time of the last
 * attempt let through: the delay runs from there, growing with the count.
 */
async function countAttempt(keys: { key: string; rule: ThrottleRule }[], now: Date): Promise<boolean> {
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  const idle = new Date(now.getTime() - THROTTLE_IDLE_RESET_MS);
  const rows = await db().$queryRaw<{ allowed: boolean }[]>`
    INSERT INTO sign_in_throttle AS t (key, attempts, last_at, free, base_ms, cap_ms, allowed)
    SELECT k, 1, ${now}, f, b, c, true
      FROM unnest(${sorted.map((k) => k.key)}::text[], ${sorted.map((k) => k.rule.free)}::int[], ${sorted.map((k) => k.rule.baseMs)}::int[], ${sorted.map((k) => k.rule.capMs)}::int[]) AS r(k, f, b, c)
    ON CONFLICT (key) DO UPDATE SET
      allowed = (t.last_at < ${idle} OR t.attempts < t.free
                 OR ${now} >= t.last_at + LEAST(t.cap_ms::float8, t.base_ms * power(2, LEAST(30, t.attempts - t.free))) * interval '1 millisecond'),
      attempts = CASE WHEN t.last_at < ${idle} THEN 1 ELSE t.attempts + 1 END,
      last_at = CASE WHEN (t.last_at < ${idle} OR t.attempts < t.free
                           OR ${now} >= t.last_at + LEAST(t.cap_ms::float8, t.base_ms * power(2, LEAST(30, t.attempts - t.free))) * interval '1 millisecond')
                     THEN ${now} ELSE t.last_at END
    RETURNING allowed`;
  return rows.every((r) => r.allowed);
}

/** The client address a request came from (lib/auth/client-address.ts reads it from the headers). */
export async function verifySignIn({
  input,
  address = 'unknown',
  now = new Date(),
}: {
  input: { email: string; password: string };
  address?: string;
  now?: Date;
}): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const addressKey = { key: keyOf('addr', address), rule: THROTTLE.address };
  const accountKey = { key: keyOf('acct', `${email}\n${address}`), rule: THROTTLE.account };
  if (!(await countAttempt([addressKey, accountKey], now))) {
    logger.warn('sign-in throttled');
    return { status: 'invalid' };
  }
  // Old counters go now and then, so the table stays small.
  if (Math.random() < 0.01) await db().$executeRaw`DELETE FROM sign_in_throttle WHERE last_at < ${new Date(now.getTime() - 24 * 60 * 60_000)}`;

  const user = await db().user.findUnique({ where: { email } });
  if (!user || user.disabled) {
    await burnPasswordCheck(input.password);
    return { status: 'invalid' };
  }
  const check = await checkPassword(input.password, user.passwordHash);
  await db().signInAttempt.create({ data: { userId: user.id, succeeded: check.ok, at: now } });
  if (!check.ok) return { status: 'invalid' };

  // The right person: their own counter starts again, and a success does not count against the address.
  await db().signInThrottle.deleteMany({ where: { key: accountKey.key } });
  await db().$executeRaw`UPDATE sign_in_throttle SET attempts = GREATEST(attempts - 1, 0) WHERE key = ${addressKey.key}`;
  if (check.needsRehash) {
    // Upgrade an old (bcrypt) or weaker hash now that the password is known; only if it is unchanged.
    await db().user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: await hashPassword(input.password) } });
  }
  return { status: 'ok', userId: user.id, sessionVersion: user.sessionVersion };
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

/** Signing out ends every session of this person on the server too (a shared gatehouse PC keeps no usable cookie). */
export async function endSessions({ userId, sessionVersion }: { userId: string; sessionVersion: number }): Promise<void> {
  await db().user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
}
