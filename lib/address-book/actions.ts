'use server';
// The address book from the load form. Nothing to revalidate: no page renders the address book yet,
// and the browser's searches are TanStack queries that the saver invalidates (components/party-picker).
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { findCarrierByVehicleSchema, savePartySchema, searchPartiesSchema, type PartyEntry, type PartyMatch } from './schema';
import { findCarrierByVehicle, saveParty, searchParties } from './service';
import { recordTareSchema, removeTareSchema, type StoredTare } from './tare-schema';
import { findValidTare, recordTare, removeTare } from './tares';

export async function searchPartiesAction(input: unknown): Promise<ActionResult<PartyMatch[]>> {
  return runAction({ permission: 'loads.create', schema: searchPartiesSchema, input }, searchParties);
}

export async function findCarrierByVehicleAction(input: unknown): Promise<ActionResult<PartyEntry | null>> {
  return runAction({ permission: 'loads.create', schema: findCarrierByVehicleSchema, input }, findCarrierByVehicle);
}

/** Creates an entry, or updates the one with `id` (adding any new vehicle registration). */
export async function saveToAddressBookAction(input: unknown): Promise<ActionResult<{ entry: PartyEntry; created: boolean }>> {
  return runAction({ permission: 'loads.create', schema: savePartySchema, input }, saveParty);
}

// Administration of every site's address book (admins).
import { revalidatePath } from 'next/cache';
import { adminSavePartySchema, mergePartiesSchema } from './schema';
import { adminSaveParty, mergeParties } from './admin';

/** An admin's edit of an entry at any site (vehicles replaced, so one can be removed). */
export async function adminSavePartyAction(input: unknown): Promise<ActionResult<PartyEntry>> {
  const result = await runAction({ permission: 'address-book.manage', schema: adminSavePartySchema, input }, adminSaveParty);
  if (result.ok) revalidatePath('/admin/address-book', 'layout');
  return result;
}

/** Merges duplicates into the entry kept (vehicles combined, loads repointed, the others deleted). */
export async function mergePartiesAction(
  input: unknown,
): Promise<ActionResult<{ survivorId: string; merged: number; loadsRepointed: number; vehicleRegistrations: string[] }>> {
  const result = await runAction({ permission: 'address-book.manage', schema: mergePartiesSchema, input }, mergeParties);
  if (result.ok) revalidatePath('/admin/address-book', 'layout');
  return result;
}

// Stored tares: the gatehouse's "Use stored tare" offer, and keeping tares (address book, gatehouse).

/** A vehicle's valid stored tare at a site, or null ("Use stored tare (weighed 3 Nov 2026)"). */
export async function findStoredTareAction(input: unknown): Promise<ActionResult<StoredTare | null>> {
  return runAction({ permission: 'weighings.create', schema: findCarrierByVehicleSchema, input }, findValidTare);
}

/** Record a vehicle's tare typed by hand (replacing the stored one; audited). */
export async function recordTareAction(input: unknown): Promise<ActionResult<StoredTare>> {
  const result = await runAction({ permission: 'tares.manage', schema: recordTareSchema, input }, recordTare);
  if (result.ok) revalidatePath('/admin/address-book', 'layout');
  return result;
}

/** Forget a vehicle's stored tare (audited). */
export async function removeTareAction(input: unknown): Promise<ActionResult<null>> {
  const result = await runAction({ permission: 'tares.manage', schema: removeTareSchema, input }, async (ctx) => {
    await removeTare(ctx);
    return null;
  });
  if (result.ok) revalidatePath('/admin/address-book', 'layout');
  return result;
}
