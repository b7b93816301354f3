import 'server-only';
import bcrypt from 'bcryptjs';
import { env } from '@/lib/env';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, env().PASSWORD_HASH_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a wrong email costs the same time as a wrong password.
const DUMMY_HASH = '$2b$12$C6UzMDM.H6dfI/f/IKxGhuM0Td0wTJZjmDDlMNPnTwLFYpgQJoWmu';
export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, DUMMY_HASH);
}
