'use server';
import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { createSiteSchema, updateSiteSchema } from './schema';
import { createSite, updateSite } from './service';

export async function createSiteAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction({ permission: 'sites.manage', schema: createSiteSchema, input }, async ({ actor, input }) => {
    const site = await createSite({ actor, input });
    revalidatePath('/admin/sites');
    return { id: site.id };
  });
}

export async function updateSiteAction(input: unknown): Promise<ActionResult<{ id: string; changed: boolean }>> {
  return runAction({ permission: 'sites.manage', schema: updateSiteSchema, input }, async ({ actor, input }) => {
    const result = await updateSite({ actor, input });
    revalidatePath('/admin/sites');
    revalidatePath(`/admin/sites/${result.id}`);
    return { id: result.id, changed: result.changed };
  });
}
