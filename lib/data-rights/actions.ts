'use server';
// Customers' data requests (admins). The export is a route handler (app/api/data-requests/export), so
// the browser downloads a file; these are the search, the erasure and the retention setting.
import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { eraseSchema, findSchema, retentionSchema, type EraseSummary, type FindResult, type RetentionSetting } from './schema';
import { erasePersonalData, findPersonalData, saveRetention } from './service';

export async function findPersonalDataAction(input: unknown): Promise<ActionResult<FindResult>> {
  return runAction({ permission: 'data-requests.manage', schema: findSchema, input }, findPersonalData);
}

export async function erasePersonalDataAction(input: unknown): Promise<ActionResult<EraseSummary>> {
  const result = await runAction({ permission: 'data-requests.manage', schema: eraseSchema, input }, erasePersonalData);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function saveRetentionAction(input: unknown): Promise<ActionResult<RetentionSetting>> {
  const result = await runAction({ permission: 'data-requests.manage', schema: retentionSchema, input }, saveRetention);
  if (result.ok) revalidatePath('/admin/data-requests');
  return result;
}
