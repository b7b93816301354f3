// Demo accounts (the embedded demo's clerk, manager and admin) must not stay a standing door into a
// real installation. They are flagged `demo`, removed in the same transaction that gives the
// installation its first real administrator who can sign in, and removable at once by any admin with
// "Remove demo accounts" once a real administrator exists. The demo is not seeded again after that.
import 'server-only';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db';
import { ConflictError } from '@/lib/errors';

/** The demo's accounts are all at this domain (a reserved .test name: never a real person's). */
export const DEMO_EMAIL_DOMAIN = '@demo.weighbook.test';

export const NO_REAL_ADMIN_MESSAGE = 'Create your own administrator account first: removing the demo accounts would leave nobody who can manage Weighbook.';

/** Whether an active administrator who is not a demo account exists. */
async function realAdminExists(tx: Tx | ReturnType<typeof db>): Promise<boolean> {
  return (await tx.user.count({ where: { roles: { has: 'ADMIN' }, disabled: false, demo: false } })) > 0;
}

/** Flags the demo's accounts (by their reserved domain) and says whether the demo may be seeded. */
export async function prepareDemoSeeding(): Promise<{ seed: boolean }> {
  await db().user.updateMany({ where: { email: { endsWith: DEMO_EMAIL_DOMAIN }, demo: false }, data: { demo: true } });
  return { seed: !(await realAdminExists(db())) };
}

export async function countDemoAccounts(): Promise<number> {
  return db().user.count({ where: { demo: true } });
}

/**
 * Deletes the demo accounts when a real administrator exists (their sessions end with them). Runs in
 * the caller's transaction, so creating the first real admin and retiring the demo are one change.
 */
export async function retireDemoAccounts(tx: Tx, actorId: string | null): Promise<number> {
  if (!(await realAdminExists(tx))) return 0;
  const gone = await tx.user.findMany({ where: { demo: true }, select: { id: true } });
  if (gone.length === 0) return 0;
  await tx.user.deleteMany({ where: { id: { in: gone.map((u) => u.id) } } });
  for (const u of gone) {
    await recordAudit(tx, { actorId, action: 'user.remove-demo', entityType: 'user', entityId: u.id, changes: { demo: { from: true, to: false } } });
  }
  return gone.length;
}

/** "Remove demo accounts" (admins): refused while no real administrator exists. */
export async function removeDemoAccounts({ actor }: { actor: Actor }): Promise<{ removed: number }> {
  assertCan(actor, 'users.manage');
  return db().$transaction(async (tx) => {
    if (!(await realAdminExists(tx))) throw new ConflictError(NO_REAL_ADMIN_MESSAGE);
    return { removed: await retireDemoAccounts(tx, auditActorId(actor)) };
  });
}
