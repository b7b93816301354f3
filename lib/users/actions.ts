'use server';
import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { errorToResult, runAction, zodFieldErrors } from '@/lib/auth/run-action';
import { createUserSchema, firstAdminSchema } from './schema';
import { createFirstAdmin, createUser } from './service';
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
      return { ok: false, fieldErrors: zodFieldErrors(parsed.error), formError: 'Some answers need correcting.' };
    }
    const user = await createFirstAdmin({ input: parsed.data, expectedToken: await readSetupCode() });
    await clearSetupCode();
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    return errorToResult(error);
  }
}
