'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { currentDwtConfig, dwtClientFor } from '@/lib/delivery/dwt-client';
import { syncReferenceData, type SyncReport } from './service';

/** "Sync now" on the DWT connection page: fetch the five lists from DWT into Postgres. */
export async function syncReferenceDataAction(input: unknown): Promise<ActionResult<SyncReport>> {
  return runAction({ permission: 'dwt.manage', schema: z.object({}), input }, async ({ actor }) => {
    const report = await syncReferenceData({ actor, client: dwtClientFor(await currentDwtConfig()) });
    revalidatePath('/admin/dwt');
    return report;
  });
}
