// Seeding through the services, in the test process (same database as the app under test).
import { systemActor } from '@/lib/auth/actor';
import type { Role } from '@/lib/generated/prisma/enums';
import { createSite, findSiteByName } from '@/lib/sites/service';
import { ensureUser } from '@/lib/users/service';
import { E2E_SITE, PASSWORD } from './accounts';

export async function ensureE2eSite() {
  return (await findSiteByName(E2E_SITE.name)) ?? (await createSite({ actor: systemActor(), input: E2E_SITE }));
}

export async function seedUser(input: { name: string; email: string; role: Role; password?: string }) {
  const site = await ensureE2eSite();
  const { user } = await ensureUser({
    actor: systemActor([site.id]),
    input: { name: input.name, email: input.email, password: input.password ?? PASSWORD, roles: [input.role], siteIds: [site.id] },
  });
  return user;
}

/** An address-book carrier at the e2e site (seeded through the service, as the app would save it). */
export async function seedCarrier(input: { organisationName: string; registrationNumber: string; vehicles: string[]; postcode?: string }) {
  const { saveParty } = await import('@/lib/address-book/service');
  const site = await ensureE2eSite();
  const { entry } = await saveParty({
    actor: systemActor([site.id]),
    input: { siteId: site.id, kind: 'CARRIER', organisationName: input.organisationName, registrationNumber: input.registrationNumber, postcode: input.postcode, meansOfTransport: 'Road', vehicleRegistrations: input.vehicles },
  });
  return entry;
}

/**
 * A load at the e2e site saved through saveLoad (as a draft, so nothing is queued for DWT), then put in
 * the state delivery would have left it in (status, DWT's warnings, waste tracking id).
 */
export async function seedLoad(input: {
  ticket: string;
  receivedUk: string; // 'YYYY-MM-DDTHH:mm', UK time
  status: 'DRAFT' | 'PENDING' | 'SENT' | 'NEEDS_ATTENTION' | 'CHECK_NEEDED';
  ewc?: string;
  carrier?: string;
  vehicle?: string;
  warnings?: number;
}) {
  const { randomUUID } = await import('node:crypto');
  const { saveLoad } = await import('@/lib/loads/service');
  const { db } = await import('@/lib/db');
  const { loadForm } = await import('@/test/load-fixtures');
  const site = await ensureE2eSite();
  const form = loadForm();
  form.dateTimeReceived = input.receivedUk;
  form.yourUniqueReference = input.ticket;
  form.ticketNumberIsSuggested = false;
  form.carrier = { ...form.carrier, organisationName: input.carrier ?? form.carrier.organisationName, vehicleRegistration: input.vehicle ?? form.carrier.vehicleRegistration };
  form.wasteItems[0] = { ...form.wasteItems[0]!, ewcCodes: [input.ewc ?? '170504'] };
  const id = randomUUID();
  await saveLoad({ actor: systemActor([site.id]), input: { id, siteId: site.id, expectedVersion: null, intent: 'draft', form } });
  if (input.status !== 'DRAFT') {
    const sent = input.status === 'SENT';
    await db().load.update({
      where: { id },
      data: {
        status: input.status,
        wasteTrackingId: sent ? `26${id.replace(/-/g, '').slice(0, 10).toUpperCase()}` : null,
        dwtWarnings: Array.from({ length: input.warnings ?? 0 }, () => ({ key: 'wasteItems.0.weight', message: 'Check the weight' })),
        sentAt: sent ? new Date() : null,
        sentVersion: sent ? 1 : null,
      },
    });
  }
  return id;
}
