// Sign-in throttling (issue 11): counted atomically before the password comparison, by address and by
// account-from-address, never a lock a stranger can set off against a person elsewhere, one answer
// for every failure. Old bcrypt hashes are verified and upgraded.
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { systemActor } from '@/lib/auth/actor';
import * as password from '@/lib/auth/password';
import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { acceptLink, ensureUser, inviteUser, verifySignIn } from './service';
import { THROTTLE, throttleDelayMs } from './sign-in';

vi.mock('@/lib/auth/password', async (original) => {
  const real = await original<typeof import('@/lib/auth/password')>();
  return { ...real, hashPassword: vi.fn((p: string) => real.hashPassword(p)) };
});

const PASSWORD = 'integration-password';
const unique = () => `${randomUUID().slice(0, 8)}@it.weighbook.test`;
/** Each test signs in from its own made-up addresses, so tests never share a counter. */
const addr = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

async function makeUser() {
  const { user } = await ensureUser({ actor: systemActor(), input: { name: 'Sign In', email: unique(), password: PASSWORD, roles: ['CLERK'] } });
  return user;
}
const comparisons = (userId: string) => db().signInAttempt.count({ where: { userId } });

beforeEach(() => {
  vi.mocked(password.hashPassword).mockClear();
});

describe('throttled sign-in', () => {
  it('delays grow after the free attempts, up to a cap', () => {
    const rule = THROTTLE.account;
    expect(throttleDelayMs(rule, rule.free - 1)).toBe(0);
    expect(throttleDelayMs(rule, rule.free)).toBe(rule.baseMs);
    expect(throttleDelayMs(rule, rule.free + 3)).toBe(rule.baseMs * 8);
    expect(throttleDelayMs(rule, rule.free + 1000)).toBe(rule.capMs);
  });

  it('counts every one of many parallel wrong passwords, and compares only the free ones', async () => {
    const user = await makeUser();
    const attacker = addr();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => verifySignIn({ input: { email: user.email, password: `guess-${i}` }, address: attacker, now })),
    );
    expect(results.every((r) => r.status === 'invalid')).toBe(true);
    expect(await comparisons(user.id)).toBe(THROTTLE.account.free);
    const counters = await db().$queryRaw<{ attempts: number }[]>`SELECT attempts FROM sign_in_throttle WHERE last_at = ${now} ORDER BY attempts`;
    // The account-from-address key and the address key have each counted all twelve.
    expect(counters.map((c) => c.attempts)).toEqual([12, 12]);
  });

  it('lets the right password in from another address while an attacker is being throttled', async () => {
    const user = await makeUser();
    const attacker = addr();
    const t0 = new Date();
    for (let i = 0; i < 20; i++) await verifySignIn({ input: { email: user.email, password: `guess-${i}` }, address: attacker, now: t0 });
    // The attacker, even with the right password now, gets the same refusal…
    expect(await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: attacker, now: t0 })).toEqual({ status: 'invalid' });
    // …while the clerk at the gatehouse signs in at once, as often as they like.
    for (let i = 0; i < 3; i++) {
      expect((await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: addr(), now: t0 })).status).toBe('ok');
    }
    // A clerk who mistypes from their own address a few times is not slowed down by the attacker either.
    const clerk = addr();
    for (let i = 0; i < THROTTLE.account.free - 1; i++) await verifySignIn({ input: { email: user.email, password: 'typo' }, address: clerk, now: t0 });
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: clerk, now: t0 })).status).toBe('ok');
  });

  it('lets the attacker address try again only after the (growing) delay', async () => {
    const user = await makeUser();
    const from = addr();
    const t0 = new Date('2026-12-01T09:00:00Z');
    for (let i = 0; i < THROTTLE.account.free; i++) await verifySignIn({ input: { email: user.email, password: 'bad' }, address: from, now: t0 });
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: from, now: at(500) })).toEqual({ status: 'invalid' });
    // Six attempts so far; the delay after six is 2 s from the last attempt let through (t0).
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: from, now: at(2_000) })).status).toBe('ok');
  });

  it('throttles one address guessing across many accounts, but not other addresses', async () => {
    const user = await makeUser();
    const sprayer = addr();
    const now = new Date();
    for (let i = 0; i < THROTTLE.address.free; i++) await verifySignIn({ input: { email: unique(), password: 'Password123!' }, address: sprayer, now });
    expect(await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: sprayer, now })).toEqual({ status: 'invalid' });
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: addr(), now })).status).toBe('ok');
  });

  it('answers exactly the same for an unknown email, a wrong password, a disabled account and a throttled attempt', async () => {
    const user = await makeUser();
    const disabled = await makeUser();
    await db().user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const unknown = await verifySignIn({ input: { email: unique(), password: PASSWORD }, address: addr() });
    const wrong = await verifySignIn({ input: { email: user.email, password: 'wrong' }, address: addr() });
    const off = await verifySignIn({ input: { email: disabled.email, password: PASSWORD }, address: addr() });
    const from = addr();
    for (let i = 0; i < THROTTLE.account.free; i++) await verifySignIn({ input: { email: user.email, password: 'wrong' }, address: from });
    const throttled = await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: from });
    expect([unknown, wrong, off, throttled]).toEqual([{ status: 'invalid' }, { status: 'invalid' }, { status: 'invalid' }, { status: 'invalid' }]);
  });

  it('throttles unknown emails the same way, so the throttle reveals nothing', async () => {
    const from = addr();
    const email = unique();
    const now = new Date();
    for (let i = 0; i < THROTTLE.account.free; i++) await verifySignIn({ input: { email, password: 'x' }, address: from, now });
    const rows = await db().$queryRaw<{ attempts: number }[]>`SELECT attempts FROM sign_in_throttle WHERE last_at = ${now}`;
    expect(rows.map((r) => r.attempts)).toEqual([THROTTLE.account.free, THROTTLE.account.free]);
    // Neither the address nor the email is stored in the throttle table.
    const keys = await db().$queryRaw<{ key: string }[]>`SELECT key FROM sign_in_throttle WHERE last_at = ${now}`;
    for (const { key } of keys) expect(key).not.toContain(email.split('@')[0]!);
  });
});

describe('password hashes', () => {
  it('stores argon2id and upgrades an old bcrypt hash at the next sign-in', async () => {
    const user = await makeUser();
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^\$argon2id\$/);
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await bcrypt.hash(PASSWORD, 4) } });
    expect((await verifySignIn({ input: { email: user.email, password: 'not-it' }, address: addr() })).status).toBe('invalid');
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: addr() })).status).toBe('ok');
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^\$argon2id\$/);
    expect((await verifySignIn({ input: { email: user.email, password: PASSWORD }, address: addr() })).status).toBe('ok');
  });

  it('handles passwords over 72 bytes: the whole password counts once upgraded from bcrypt', async () => {
    const user = await makeUser();
    const long = 'é'.repeat(40) + '-tail'; // 85 bytes: bcrypt only ever saw the first 72
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await bcrypt.hash(long, 4) } });
    expect((await verifySignIn({ input: { email: user.email, password: long }, address: addr() })).status).toBe('ok');
    // Now argon2id: a password sharing the first 72 bytes no longer passes.
    expect((await verifySignIn({ input: { email: user.email, password: 'é'.repeat(40) + '-else' }, address: addr() })).status).toBe('invalid');
    expect((await verifySignIn({ input: { email: user.email, password: long }, address: addr() })).status).toBe('ok');
  });
});

describe('invitation links', () => {
  it('refuses an unknown link before hashing any password', async () => {
    const error = await acceptLink({ input: { token: 'not-a-real-token', password: 'a-long-password-1', confirmPassword: 'a-long-password-1' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(password.hashPassword).not.toHaveBeenCalled();
  });

  it('still sets the password from a good link', async () => {
    const { user, token } = (await inviteUser({ actor: systemActor(), input: { name: 'Invited', email: unique(), roles: ['CLERK'] } }))!;
    vi.mocked(password.hashPassword).mockClear();
    await acceptLink({ input: { token, password: 'a-long-password-1', confirmPassword: 'a-long-password-1' } });
    expect(password.hashPassword).toHaveBeenCalledTimes(1);
    expect((await verifySignIn({ input: { email: user.email, password: 'a-long-password-1' }, address: addr() })).status).toBe('ok');
  });
});
