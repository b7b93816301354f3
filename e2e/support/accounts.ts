// The people the browser tests act as. Seeded through the services (never by clicking) by
// e2e/auth.setup.ts, which signs each in once and saves the session for every test to reuse.
import path from 'node:path';
import type { Role } from '@/lib/generated/prisma/enums';

export const E2E_SITE = {
  name: 'E2E Test Site',
  authorisationNumber: 'EPR/AB1234CD',
  fullAddress: '2 Test Lane, Testtown',
  postcode: 'TE1 1ST',
  nation: 'ENGLAND' as const,
};

export const PASSWORD = 'e2e-password-long-enough';

export const ACCOUNTS = {
  clerk: { role: 'CLERK', name: 'Cleo Clerk', email: 'clerk@e2e.weighbook.test' },
  manager: { role: 'MANAGER', name: 'Manny Manager', email: 'manager@e2e.weighbook.test' },
  admin: { role: 'ADMIN', name: 'Ada Admin', email: 'admin@e2e.weighbook.test' },
} as const satisfies Record<string, { role: Role; name: string; email: string }>;

export type AccountName = keyof typeof ACCOUNTS;

export function storageStateFor(account: AccountName): string {
  return path.join(import.meta.dirname, '..', '..', 'playwright', '.auth', `${account}.json`);
}
