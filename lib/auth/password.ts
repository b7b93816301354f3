// Password hashing: argon2id through @node-rs/argon2 (native, runs on libuv's thread pool, so a burst of
// sign-ins never blocks the event loop). Hashes made by earlier versions with bcrypt are still verified
// and upgraded to argon2id at the person's next sign-in (needsRehash).
import 'server-only';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { env } from '@/lib/env';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

/**
 * PASSWORD_HASH_COST → argon2id parameters: memory 2^(cost+2) KiB (12 → 16 MiB, about 0.1–0.2 s here)
 * and two passes. Tests set 4 (64 KiB), which is fast and still a real argon2id hash.
 */
function argonOptions() {
  const cost = env().PASSWORD_HASH_COST;
  return { algorithm: ARGON2ID, memoryCost: 2 ** (cost + 2), timeCost: 2, parallelism: 1 };
}

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, argonOptions());
}

const isBcrypt = (hash: string) => /^\$2[aby]\$/.test(hash);
export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is an old format (bcrypt) or weaker than today's settings: store a fresh one. */
  needsRehash: boolean;
}

export async function checkPassword(password: string, hash: string): Promise<PasswordCheck> {
  if (isBcrypt(hash)) {
    // Legacy hashes only (bcryptjs is pure JS on the main thread; each is replaced at the next sign-in).
    // bcrypt read only the first 72 bytes when the hash was made and bcryptjs compares the same 72, so
    // such a person still signs in; the argon2id hash that replaces it covers the whole password.
    const ok = await bcrypt.compare(password, hash);
    return { ok, needsRehash: ok };
  }
  if (!hash.startsWith('$argon2')) return { ok: false, needsRehash: false };
  const ok = await argonVerify(hash, password).catch(() => false);
  return { ok, needsRehash: ok && !hash.includes(`m=${argonOptions().memoryCost},`) };
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return (await checkPassword(password, hash)).ok;
}

// Compared against when the email is unknown, so a wrong email costs the same as a wrong password.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('weighbook-dummy-password');
  await argonVerify(await dummy, password).catch(() => false);
}
