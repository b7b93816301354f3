// Loads: what the forms and pages read — a new load's starting values, a load to correct or copy, the
// last load of a carrier or vehicle, the recent loads. Import from ./service.
import 'server-only';
import { assertCan, assertSite, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { receivingSiteOf } from '@/lib/sites/receiving-site';
import { NotFoundError } from '@/lib/errors';
import { instantToUkLocal } from '@/lib/time/uk-time';
import type { WeightMetric } from '@/lib/dwt/schema';
import { loadFormSchema, storedLoadForm } from './form-schema';
import { withoutWeights, type LoadFormValues } from './schema';
import { siteTopEwcCodes, siteWeightHistory } from './site-history';
import { formatTicketNumber } from './save';

/** What the new-load form starts from: now (UK time), the next ticket number (assigned on save), the site's unit and habits. */
export async function startNewLoad({ actor, input, now = new Date() }: { actor: Actor; input: { siteId: string }; now?: Date }) {
  assertCan(actor, 'loads.create');
  assertSite(actor, input.siteId);
  const site = await db().site.findUniqueOrThrow({ where: { id: input.siteId } });
  return {
    dateTimeReceived: instantToUkLocal(now),
    suggestedTicketNumber: formatTicketNumber(site.nextTicketNumber),
    site: await loadFormSite(site),
  };
}

/** The site as the load form needs it: DWT's receiver, the weighbridge unit, weight history and usual codes. */
export async function loadFormSite(site: Parameters<typeof receivingSiteOf>[0] & { id: string; name: string; weighbridgeUnit: string }) {
  const [history, topEwcCodes] = await Promise.all([siteWeightHistory(site.id), siteTopEwcCodes(site.id)]);
  return {
    id: site.id,
    name: site.name,
    receiving: receivingSiteOf(site),
    unit: (site.weighbridgeUnit === 'Kilograms' ? 'Kilograms' : 'Tonnes') as WeightMetric,
    history,
    topEwcCodes,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getLoad({ actor, input }: { actor: Actor; input: { id: string } }) {
  assertCan(actor, 'loads.view');
  // A malformed id (`/loads/not-a-uuid`) is simply no such load, never a database error.
  if (!UUID.test(input.id)) throw new NotFoundError('That load does not exist, or is at a site you do not work at.');
  const load = await db().load.findUnique({ where: { id: input.id }, include: { site: true, attempts: { orderBy: { at: 'asc' } } } });
  if (!load || !actor.siteIds.includes(load.siteId)) throw new NotFoundError('That load does not exist, or is at a site you do not work at.');
  const init = { dateTimeReceived: instantToUkLocal(load.receivedAt), yourUniqueReference: load.ticketNumber };
  return { ...load, form: storedLoadForm(load.formValues, init) };
}

/** The form of a previous load, to log a similar one (new time and ticket; nothing sent is copied). */
export async function copyLoadForm({ actor, input, now = new Date() }: { actor: Actor; input: { id: string }; now?: Date }) {
  assertCan(actor, 'loads.create');
  const load = await getLoad({ actor, input });
  const form = loadFormSchema.parse(load.form);
  return {
    ...form,
    dateTimeReceived: instantToUkLocal(now),
    dateTimeIsNow: true,
    ticketNumberIsSuggested: true,
    yourUniqueReference: '',
    otherReferencesForMovement: [],
    // A similar load, not the same one: it is weighed afresh.
    wasteItems: withoutWeights(form.wasteItems),
  } satisfies LoadFormValues;
}

/** The latest load from a carrier at a site (by address-book entry, registration number or name). */
export async function lastLoadForCarrier({ actor, input }: { actor: Actor; input: { siteId: string; carrierName: string } }) {
  assertCan(actor, 'loads.create');
  assertSite(actor, input.siteId);
  const load = await db().load.findFirst({
    where: { siteId: input.siteId, carrierName: { equals: input.carrierName.trim(), mode: 'insensitive' } },
    orderBy: { receivedAt: 'desc' },
    select: { id: true, ticketNumber: true, receivedAt: true, formValues: true },
  });
  return load ? { id: load.id, ticketNumber: load.ticketNumber, receivedAt: load.receivedAt, form: copiedForm(load.formValues) } : null;
}

/** A stored form as a starting point for a new load: never its weights. */
function copiedForm(stored: unknown): LoadFormValues {
  const form = loadFormSchema.parse(stored);
  return { ...form, wasteItems: withoutWeights(form.wasteItems) };
}

/** The latest load a vehicle brought to a site: its carrier and waste, to fill a repeat load in (never its weights). */
export async function lastLoadForVehicle({ actor, input }: { actor: Actor; input: { siteId: string; vehicleRegistration: string } }) {
  assertCan(actor, 'loads.create');
  assertSite(actor, input.siteId);
  const reg = input.vehicleRegistration.trim().toUpperCase().replace(/\s+/g, ' ');
  const compact = reg.replace(/ /g, '');
  if (compact.length < 2) return null;
  const load = await db().load.findFirst({
    where: { siteId: input.siteId, vehicleRegistration: { in: [...new Set([reg, compact])] } },
    orderBy: { receivedAt: 'desc' },
    select: { id: true, ticketNumber: true, receivedAt: true, formValues: true },
  });
  if (load) return { id: load.id, ticketNumber: load.ticketNumber, receivedAt: load.receivedAt, form: copiedForm(load.formValues) };
  // Typed without its space ("KR12PTE"): compare without spaces.
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM load WHERE site_id = ${input.siteId}::uuid AND replace(vehicle_registration, ' ', '') = ${compact}
    ORDER BY received_at DESC LIMIT 1`;
  if (!rows[0]) return null;
  const found = await db().load.findUniqueOrThrow({ where: { id: rows[0].id }, select: { id: true, ticketNumber: true, receivedAt: true, formValues: true } });
  return { id: found.id, ticketNumber: found.ticketNumber, receivedAt: found.receivedAt, form: copiedForm(found.formValues) };
}

/** Loads logged at the actor's sites, newest first (the full list with filters comes with the records work). */
export async function listRecentLoads({ actor, input }: { actor: Actor; input: { siteId?: string; take?: number } }) {
  assertCan(actor, 'loads.view');
  if (input.siteId) assertSite(actor, input.siteId);
  return db().load.findMany({
    where: { siteId: input.siteId ? input.siteId : { in: actor.siteIds } },
    orderBy: { receivedAt: 'desc' },
    take: Math.min(input.take ?? 20, 100),
    select: {
      id: true,
      ticketNumber: true,
      receivedAt: true,
      status: true,
      wasteTrackingId: true,
      carrierName: true,
      vehicleRegistration: true,
      ewcCodes: true,
      dwtWarnings: true,
    },
  });
}
