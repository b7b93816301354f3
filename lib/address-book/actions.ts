'use server';
// The address book from the load form. Nothing to revalidate: no page renders the address book yet,
// and the browser's searches are TanStack queries that the saver invalidates (components/party-picker).
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/auth/run-action';
import { findCarrierByVehicleSchema, savePartySchema, searchPartiesSchema, type PartyEntry, type PartyMatch } from './schema';
import { findCarrierByVehicle, saveParty, searchParties } from './service';

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
