// The shape of every server action: session → permission → parse → service → typed result.
// Known errors become a refusal the form can show; anything else is logged and reported plainly,
// never as a 500, and the form keeps what the user typed.
import 'server-only';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { AppError, ForbiddenError, NotAuthenticatedError, ValidationError, zodFieldErrors } from '@/lib/errors';
import { logger } from '@/lib/logger';
import type { Actor } from './actor';
import { can, type Permission } from './permissions';
import { getActor } from './session';

export function errorToResult(error: unknown): ActionResult<never> {
  if (error instanceof ValidationError) return { ok: false, code: error.code, fieldErrors: error.fieldErrors, formError: error.message };
  if (error instanceof AppError) return { ok: false, code: error.code, formError: error.message };
  // A record that vanished (or never existed) between the checks and the query: Prisma's "not found".
  if (error && typeof error === 'object' && (error as { code?: unknown }).code === 'P2025') {
    return { ok: false, code: 'not-found', formError: 'That record does not exist (it may have just been removed).' };
  }
  if (error && typeof error === 'object' && 'issues' in error && (error as z.ZodError).name === 'ZodError') {
    return { ok: false, code: 'invalid', fieldErrors: zodFieldErrors(error as z.ZodError), formError: 'Some answers need correcting.' };
  }
  logger.error('action failed unexpectedly', { error });
  return { ok: false, formError: 'Something went wrong on our side. Nothing you typed has been lost: try again.' };
}

export async function runAction<S extends z.ZodType, T>(
  spec: { permission: Permission; schema: S; input: unknown },
  handler: (ctx: { actor: Actor; input: z.infer<S> }) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const actor = await getActor();
    if (!actor) throw new NotAuthenticatedError();
    if (!can(actor.roles, spec.permission)) throw new ForbiddenError();
    const parsed = spec.schema.safeParse(spec.input);
    if (!parsed.success) {
      return { ok: false, code: 'invalid', fieldErrors: zodFieldErrors(parsed.error), formError: 'Some answers need correcting.' };
    }
    return { ok: true, data: await handler({ actor, input: parsed.data }) };
  } catch (error) {
    return errorToResult(error);
  }
}
