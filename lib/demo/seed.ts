// The embedded demo: one site with a clerk, a manager and an admin. Their passwords are random per
// installation (kept in the data folder) and printed on start, so even the demo has no known password.
// The accounts are removed once the installation has a real administrator (lib/users/demo-accounts.ts).
import 'server-only';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { systemActor } from '@/lib/auth/actor';
import type { Role } from '@/lib/generated/prisma/enums';
import { createSite, findSiteByName } from '@/lib/sites/service';
import { DEMO_EMAIL_DOMAIN, ensureUser, prepareDemoSeeding } from '@/lib/users/service';

export interface DemoSignIn {
  role: Role;
  email: string;
  password: string;
}

export const DEMO_SITE_NAME = 'Riverside Recycling (demo)';
const DEMO_SITE = {
  name: DEMO_SITE_NAME,
  authorisationNumber: 'EPR/AB1234CD',
  fullAddress: '1 Riverside Way, Anytown',
  postcode: 'AB1 2CD',
  nation: 'ENGLAND' as const,
};

const DEMO_USERS: { role: Role; name: string; email: string }[] = [
  { role: 'CLERK', name: 'Casey Clerk', email: `clerk${DEMO_EMAIL_DOMAIN}` },
  { role: 'MANAGER', name: 'Morgan Manager', email: `manager${DEMO_EMAIL_DOMAIN}` },
  { role: 'ADMIN', name: 'Alex Admin', email: `admin${DEMO_EMAIL_DOMAIN}` },
];

/**
 * The demo site and accounts, unless the installation has a real administrator: then the demo's
 * accounts are gone (removed when that administrator was created) and are not seeded again.
 */
export async function seedDemo(dataDir: string): Promise<DemoSignIn[] | 'retired'> {
  if (!(await prepareDemoSeeding()).seed) return 'retired';
  const file = path.join(dataDir, 'demo-sign-ins.json');
  let saved: DemoSignIn[] = [];
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as DemoSignIn[];
  } catch {
    // first start
  }
  const site = (await findSiteByName(DEMO_SITE.name)) ?? (await createSite({ actor: systemActor(), input: DEMO_SITE }));
  const result: DemoSignIn[] = [];
  for (const u of DEMO_USERS) {
    const password = saved.find((s) => s.email === u.email)?.password ?? randomBytes(9).toString('base64url');
    const { created } = await ensureUser({
      actor: systemActor([site.id]),
      input: { name: u.name, email: u.email, password, roles: [u.role], siteIds: [site.id] },
      demo: true,
    });
    // A password we did not create (changed since) is not ours to print.
    if (created || saved.some((s) => s.email === u.email)) result.push({ role: u.role, email: u.email, password });
  }
  await writeFile(file, JSON.stringify(result, null, 2) + '\n', { mode: 0o600 });
  return result;
}
