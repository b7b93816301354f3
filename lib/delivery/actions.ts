'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { deliverLoad, recordWasteTrackingId, sendAgainAsNew, tryApiCodeNow } from './service';

const loadIdSchema = z.object({ loadId: z.uuid() });

/**
 * "DWT does not have it" (a POST that went unanswered, or a PUT DWT answered with 404): send the load
 * again as a new record, now, while the manager waits (it stays queued if DWT does not answer).
 */
export async function sendAgainAsNewAction(input: unknown): Promise<ActionResult<null>> {
  return runAction({ permission: 'loads.manage', schema: loadIdSchema, input }, async ({ actor, input }) => {
    await sendAgainAsNew({ actor, input });
    await deliverLoad({ loadId: input.loadId });
    revalidatePath(`/loads/${input.loadId}`);
    return null;
  });
}

const recordSchema = z.object({
  loadId: z.uuid(),
  wasteTrackingId: z.string().trim().min(1, 'Enter the waste tracking id DWT shows for this load').max(40),
});

/** "DWT has it": record the waste tracking id by hand. */
export async function recordWasteTrackingIdAction(input: unknown): Promise<ActionResult<null>> {
  return runAction({ permission: 'loads.manage', schema: recordSchema, input }, async ({ actor, input }) => {
    await recordWasteTrackingId({ actor, input });
    revalidatePath(`/loads/${input.loadId}`);
    return null;
  });
}

const apiCodeSchema = z.object({ apiCode: z.uuid('Choose an apiCode from the list') });

/** "We have paid – try now": ends the hold on an apiCode (audited) and sends one of its loads at once. */
export async function tryApiCodeNowAction(input: unknown): Promise<ActionResult<{ message: string; held: boolean }>> {
  return runAction({ permission: 'dwt.manage', schema: apiCodeSchema, input }, async ({ actor, input }) => {
    const result = await tryApiCodeNow({ actor, input });
    revalidatePath('/', 'layout');
    return result;
  });
}
