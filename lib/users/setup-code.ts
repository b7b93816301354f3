// The one-time set-up code: written by the launcher when no administrator exists, printed on its
// console, and asked for by /setup, so only whoever started the app can claim the first admin account.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

function file(): string {
  return path.resolve(env().WEIGHBOOK_DATA_DIR, 'setup-code');
}

export async function readSetupCode(): Promise<string | null> {
  try {
    return (await readFile(file(), 'utf8')).trim() || null;
  } catch {
    return null;
  }
}

export async function issueSetupCode(): Promise<string> {
  const existing = await readSetupCode();
  if (existing) return existing;
  const code = randomBytes(6).toString('hex').toUpperCase().match(/.{4}/g)!.join('-');
  await writeFile(file(), code + '\n', { mode: 0o600 });
  return code;
}

export async function clearSetupCode(): Promise<void> {
  await rm(file(), { force: true });
}
