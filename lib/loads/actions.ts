'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { getParty, saveParty } from '@/lib/address-book/service';
import { runAction } from '@/lib/auth/run-action';
import { deliverLoad } from '@/lib/delivery/service';
import type { DwtValidationError } from '@/lib/dwt/errors';
import { errorForLog, type FieldErrors } from '@/lib/errors';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { loadFormSchema } from './form-schema';
import { loadErrorsToFieldErrors, type LoadFormValues } from './schema';
import { logger } from '@/lib/logger';
import { partiesToSave } from './parties';
import { lastLoadForCarrier, lastLoadForVehicle, saveLoad } from './service';
import { submitLoadSchema } from './submit-schema';
import { loadNet, type TicketWeight } from './ticket';
import { takeLoadPhoto } from '@/lib/weighbridge/camera';
import type { Actor } from '@/lib/auth/actor';
import { weighIn, weighOut, type WeighingResult } from './weighing';
import { weighInSchema, weighOutSchema } from './weighing-schema';

export interface SubmitLoadResult {
  loadId: string;
  ticketNumber: string;
  version: number;
  status: LoadStatus;
  wasteTrackingId: string | null;
  /** Repeated on the confirmation, so the clerk checks them with the driver. */
  vehicleRegistration: string | null;
  netWeight: TicketWeight | null;
  warnings: DwtValidationError[];
  /** DWT's errors on the form's fields (status NEEDS_ATTENTION). */
  dwtFieldErrors: FieldErrors;
  message: string;
}

/**
 * Save a load (committed to PostgreSQL first), then, unless it is a draft, send it to DWT and say
 * what happened. A failed send never undoes the save. A save refused because someone else saved a
 * newer version comes back with code `conflict`: the form says so and offers the latest.
 */
export async function submitLoadAction(input: unknown): Promise<ActionResult<SubmitLoadResult>> {
  return runAction({ permission: 'loads.create', schema: submitLoadSchema, input }, async ({ actor, input }) => {
    const saved = await saveLoad({ actor, input, sendNow: input.intent === 'send' });
    revalidatePath('/loads');
    // Sent at once (the send was leased to us in the save): the address book below goes on meanwhile.
    const sending = input.intent === 'send' ? deliverLoad({ loadId: saved.id, claim: saved.sendClaim }) : null;
    sending?.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    // The load is safe; keeping a new carrier for next time is a courtesy that must not fail it.
    const form: LoadFormValues = loadFormSchema.parse(input.form);
    const addressBookNotes: string[] = [];
    if (saved.created) {
      // A carrier from the address book seen in a new vehicle: remember the vehicle (saving a known one writes nothing).
      const c = form.carrier;
      if (c.addressBookId && c.meansOfTransport === 'Road' && c.vehicleRegistration.trim()) {
        try {
          const entry = await getParty({ actor, input: { siteId: input.siteId, id: c.addressBookId } });
          await saveParty({ actor, input: { ...entry, siteId: input.siteId, kind: 'CARRIER', vehicleRegistrations: [c.vehicleRegistration] } });
        } catch (error) {
          logger.warn('could not add a vehicle to an address-book carrier', { loadId: saved.id, ...errorForLog(error) });
        }
      }
      for (const party of partiesToSave(form, input.siteId)) {
        try {
          await saveParty({ actor, input: party });
          addressBookNotes.push(`${party.organisationName} is now in the address book.`);
        } catch (error) {
          logger.warn('could not save a party from a load to the address book', { loadId: saved.id, ...errorForLog(error) });
          addressBookNotes.push(`${party.organisationName} could not be added to the address book; add it there later.`);
        }
      }
    }
    const base = {
      loadId: saved.id,
      ticketNumber: saved.ticketNumber,
      version: saved.version,
      vehicleRegistration: form.carrier.meansOfTransport === 'Road' ? form.carrier.vehicleRegistration.trim().toUpperCase() || null : null,
      netWeight: loadNet(form),
    };
    if (!sending) {
      return {
        ...base,
        status: saved.status,
        wasteTrackingId: null,
        warnings: [],
        dwtFieldErrors: {},
        message: ['Saved as a draft. It will not be sent until you send it.', ...addressBookNotes].join(' '),
      };
    }
    const delivery = await sending;
    return {
      ...base,
      status: delivery.status,
      wasteTrackingId: delivery.wasteTrackingId,
      warnings: delivery.warnings,
      dwtFieldErrors: delivery.errors.length ? loadErrorsToFieldErrors(delivery.errors, form) : {},
      message: [delivery.message, ...addressBookNotes].join(' '),
    };
  });
}

const lastLoadSchema = z.object({ siteId: z.uuid(), carrierName: z.string().trim().min(1).max(500) });

/** "Repeat the last load for this carrier": the waste items of their latest load here. */
export async function lastLoadForCarrierAction(
  input: unknown,
): Promise<ActionResult<{ ticketNumber: string; wasteItems: LoadFormValues['wasteItems'] } | null>> {
  return runAction({ permission: 'loads.create', schema: lastLoadSchema, input }, async ({ actor, input }) => {
    const last = await lastLoadForCarrier({ actor, input });
    return last ? { ticketNumber: last.ticketNumber, wasteItems: last.form.wasteItems } : null;
  });
}

const lastForVehicleSchema = z.object({ siteId: z.uuid(), vehicleRegistration: z.string().trim().min(2).max(20) });

/** What the form offers when a known vehicle's registration is typed: its last load here, without weights. */
export interface VehicleLastLoad {
  ticketNumber: string;
  carrier: LoadFormValues['carrier'];
  hasBrokerOrDealer: boolean;
  brokerOrDealer: LoadFormValues['brokerOrDealer'];
  wasteItems: LoadFormValues['wasteItems'];
  specialHandlingRequirements: string;
}

export async function lastLoadForVehicleAction(input: unknown): Promise<ActionResult<VehicleLastLoad | null>> {
  return runAction({ permission: 'loads.create', schema: lastForVehicleSchema, input }, async ({ actor, input }) => {
    const last = await lastLoadForVehicle({ actor, input });
    if (!last) return null;
    const f = last.form;
    return {
      ticketNumber: last.ticketNumber,
      carrier: f.carrier,
      hasBrokerOrDealer: f.hasBrokerOrDealer,
      brokerOrDealer: f.brokerOrDealer,
      wasteItems: f.wasteItems,
      specialHandlingRequirements: f.specialHandlingRequirements,
    };
  });
}

// Two-pass weighing at the gatehouse (lib/loads/weighing.ts).

export interface WeighingActionResult {
  loadId: string;
  ticketNumber: string;
  status: LoadStatus;
  net: TicketWeight | null;
  wasteTrackingId: string | null;
  message: string;
}

/** After a complete weighing, a load whose details pass DWT's checks is sent at once (it is already saved). */
async function sendIfQueued(saved: { id: string; ticketNumber: string; status: LoadStatus; net: TicketWeight | null }): Promise<WeighingActionResult> {
  const base = { loadId: saved.id, ticketNumber: saved.ticketNumber, net: saved.net };
  if (saved.status === 'ON_SITE') return { ...base, status: saved.status, wasteTrackingId: null, message: 'Weighed in. The vehicle is on site.' };
  if (saved.status === 'DRAFT') {
    return { ...base, status: saved.status, wasteTrackingId: null, message: 'Weighed. Add the waste details to finish the load and send it to DWT.' };
  }
  const delivery = await deliverLoad({ loadId: saved.id });
  return { ...base, status: delivery.status, wasteTrackingId: delivery.wasteTrackingId, message: delivery.message };
}

/** The weighbridge camera's snapshot, taken once the weighing is saved; a failing camera never fails the weighing. */
async function photograph(actor: Actor, saved: WeighingResult): Promise<void> {
  if (!saved.photo) return;
  try {
    await takeLoadPhoto({ actor, input: { loadId: saved.id, weighbridgeId: saved.photo.weighbridgeId, pass: saved.photo.pass } });
  } catch (error) {
    logger.warn('weighing photo not taken', { loadId: saved.id, ...errorForLog(error) });
  }
}

/** Weigh a vehicle in (saved on site, never sent), or in one pass with its stored tare. */
export async function weighInAction(input: unknown): Promise<ActionResult<WeighingActionResult>> {
  return runAction({ permission: 'weighings.create', schema: weighInSchema, input }, async ({ actor, input }) => {
    const saved = await weighIn({ actor, input });
    await photograph(actor, saved);
    revalidatePath('/on-site');
    return sendIfQueued(saved);
  });
}

/** Weigh a vehicle out: net = first − second; the complete load is sent when its details are complete. */
export async function weighOutAction(input: unknown): Promise<ActionResult<WeighingActionResult>> {
  return runAction({ permission: 'weighings.create', schema: weighOutSchema, input }, async ({ actor, input }) => {
    const saved = await weighOut({ actor, input });
    await photograph(actor, saved);
    revalidatePath('/on-site');
    revalidatePath('/loads');
    return sendIfQueued(saved);
  });
}
