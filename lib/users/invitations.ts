// Invitations and password-reset links: one-time tokens (only their SHA-256 stored), and setting a
// password from one. The link is checked before any password is hashed, so unknown links cost nothing.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { recordAudit } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import type { UserTokenKind } from '@/lib/generated/prisma/enums';
import { lockUser, sortRoles, uniqueEmailError } from './admin';
import { retireDemoAccounts } from './demo-accounts';
import { acceptInvitationSchema, inviteUserSchema, userIdSchema, type AcceptInvitationInput, type InviteUserInput } from './schema';

/** Invitation and reset links last this long. */
export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A fresh random token; only its hash is stored. Earlier unused links of the user are spent. */
async function issueLink(tx: Tx, userId: string, kind: UserTokenKind, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.userToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await tx.userToken.create({ data: { userId, kind, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS) } });
  return token;
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
  // The link first: an unknown, spent or expired one is refused before any (costly) hashing.
  if (!(await findLink({ token: data.token, now }))) throw new ValidationError({ _form: [LINK_INVALID_MESSAGE] }, LINK_INVALID_MESSAGE);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    const link = await tx.userToken.findUnique({
      where: { tokenHash: hashToken(data.token) },
      include: { user: { select: { disabled: true, email: true, roles: true, demo: true } } },
    });
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
    // An administrator who can now sign in: the demo's accounts go in the same change.
    if (link.user.roles.includes('ADMIN') && !link.user.demo) await retireDemoAccounts(tx, link.userId);
    return { email: link.user.email };
  });
}
