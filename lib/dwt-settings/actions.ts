'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { syncReferenceData, type SyncReport } from '@/lib/reference-data/service';
import { dwtClientFor } from './client';
import { dwtSettingsSchema, type ConnectionTestResult, type DwtSettingsView } from './schema';
import { dwtConfigInUse, removeDwtSettings, saveDwtSettings, testDwtSettings } from './service';

/** Save the DWT connection; a blank client secret keeps the saved one. */
export async function saveDwtSettingsAction(input: unknown): Promise<ActionResult<DwtSettingsView>> {
  return runAction({ permission: 'dwt.manage', schema: dwtSettingsSchema, input }, async ({ actor, input }) => {
    const view = await saveDwtSettings({ actor, input });
    revalidatePath('/admin/dwt');
    return view;
  });
}

/** Forget the saved connection and its secret: the DWT_* settings (or the built-in sandbox) apply again. */
export async function removeDwtSettingsAction(input: unknown): Promise<ActionResult<DwtSettingsView>> {
  return runAction({ permission: 'dwt.manage', schema: z.object({}), input }, async ({ actor }) => {
    const view = await removeDwtSettings({ actor });
    revalidatePath('/admin/dwt');
    return view;
  });
}

/** Fetch a token and one reference list with the form's values; each step reported plainly. */
export async function testDwtConnectionAction(input: unknown): Promise<ActionResult<ConnectionTestResult>> {
  return runAction({ permission: 'dwt.manage', schema: dwtSettingsSchema, input }, ({ actor, input }) => testDwtSettings({ actor, input }));
}

/** "Sync now" on the DWT connection page: fetch the five lists from DWT (the connection in use) into Postgres. */
export async function syncReferenceDataAction(input: unknown): Promise<ActionResult<SyncReport>> {
  return runAction({ permission: 'dwt.manage', schema: z.object({}), input }, async ({ actor }) => {
    const report = await syncReferenceData({ actor, client: dwtClientFor(await dwtConfigInUse()) });
    revalidatePath('/admin/dwt');
    return report;
  });
}
