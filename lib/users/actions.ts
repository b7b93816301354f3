'use server';
import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { errorToResult, runAction } from '@/lib/auth/run-action';
import { zodFieldErrors } from '@/lib/errors';
import {
  acceptInvitationSchema,
  createUserSchema,
  firstAdminSchema,
  inviteUserSchema,
  setTemporaryPasswordSchema,
  setUserDisabledSchema,
  updateUserSchema,
  userIdSchema,
  noInputSchema,
} from './schema';
import {
  acceptLink,
  createFirstAdmin,
  createUser,
  inviteUser,
  issuePasswordResetLink,
  reissueInvitation,
  removeDemoAccounts,
  setTemporaryPassword,
  setUserDisabled,
  updateUser,
} from './service';
import { clearSetupCode, readSetupCode } from './setup-code';

export async function createUserAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction({ permission: 'users.manage', schema: createUserSchema, input }, async ({ actor, input }) => {
    const user = await createUser({ actor, input });
    revalidatePath('/admin/users');
    return { id: user.id };
  });
}

/** The one-time set-up. Public, but guarded by the set-up code and refused once an admin exists. */
export async function createFirstAdminAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const parsed = firstAdminSchema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, code: 'invalid', fieldErrors: zodFieldErrors(parsed.error), formError: 'Some answers need correcting.' };
    }
    const user = await createFirstAdmin({ input: parsed.data, expectedToken: await readSetupCode() });
    await clearSetupCode();
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    return errorToResult(error);
  }
}

function revalidateUser(id: string) {
  revalidatePath('/admin/users');
  revalidatePath(`/admin/users/${id}`);
}

/** The account and its one-time invitation path (`/invite/<token>`), shown once to the admin. */
export async function inviteUserAction(input: unknown): Promise<ActionResult<{ id: string; email: string; path: string }>> {
  return runAction({ permission: 'users.manage', schema: inviteUserSchema, input }, async ({ actor, input }) => {
    const { user, token } = await inviteUser({ actor, input });
    revalidateUser(user.id);
    return { id: user.id, email: user.email, path: `/invite/${token}` };
  });
}

export async function updateUserAction(input: unknown): Promise<ActionResult<{ id: string; changed: boolean }>> {
  return runAction({ permission: 'users.manage', schema: updateUserSchema, input }, async ({ actor, input }) => {
    const result = await updateUser({ actor, input });
    revalidateUser(result.id);
    return result;
  });
}

export async function setUserDisabledAction(input: unknown): Promise<ActionResult<{ id: string; changed: boolean }>> {
  return runAction({ permission: 'users.manage', schema: setUserDisabledSchema, input }, async ({ actor, input }) => {
    const result = await setUserDisabled({ actor, input });
    revalidateUser(result.id);
    return result;
  });
}

export async function setTemporaryPasswordAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction({ permission: 'users.manage', schema: setTemporaryPasswordSchema, input }, async ({ actor, input }) => {
    const result = await setTemporaryPassword({ actor, input });
    revalidateUser(result.id);
    return result;
  });
}

export async function issuePasswordResetLinkAction(input: unknown): Promise<ActionResult<{ id: string; path: string }>> {
  return runAction({ permission: 'users.manage', schema: userIdSchema, input }, async ({ actor, input }) => {
    const { id, token } = await issuePasswordResetLink({ actor, input });
    revalidateUser(id);
    return { id, path: `/invite/${token}` };
  });
}

export async function reissueInvitationAction(input: unknown): Promise<ActionResult<{ id: string; path: string }>> {
  return runAction({ permission: 'users.manage', schema: userIdSchema, input }, async ({ actor, input }) => {
    const { id, token } = await reissueInvitation({ actor, input });
    revalidateUser(id);
    return { id, path: `/invite/${token}` };
  });
}

/** Public: the person behind an invitation or reset link sets their password; the link is the guard. */
export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const parsed = acceptInvitationSchema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, code: 'invalid', fieldErrors: zodFieldErrors(parsed.error), formError: 'Some answers need correcting.' };
    }
    return { ok: true, data: await acceptLink({ input: parsed.data }) };
  } catch (error) {
    return errorToResult(error);
  }
}

/** "Remove demo accounts": refused until a real administrator exists. */
export async function removeDemoAccountsAction(input: unknown): Promise<ActionResult<{ removed: number }>> {
  return runAction({ permission: 'users.manage', schema: noInputSchema, input }, async ({ actor }) => {
    const result = await removeDemoAccounts({ actor });
    revalidatePath('/admin/users');
    return result;
  });
}
