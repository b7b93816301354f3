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

/**
 * A site whose weighbridge reads in kilograms, and a clerk who works only there (so the shared e2e
 * site and its clerk are untouched). Returns the clerk's sign-in details.
 */
export async function seedKilogramSiteClerk(tag: string) {
  const site = await createSite({
    actor: systemActor(),
    input: { ...E2E_SITE, name: `E2E Kilogram Site ${tag}`, weighbridgeUnit: 'Kilograms' },
  });
  const email = `kg-clerk-${tag}@e2e.weighbook.test`.toLowerCase();
  await ensureUser({ actor: systemActor([site.id]), input: { name: 'Kim Kilo', email, password: PASSWORD, roles: ['CLERK'], siteIds: [site.id] } });
  return { siteId: site.id, email, password: PASSWORD };
}

/** An address-book carrier at the e2e site (seeded through the service, as the app would save it). */
export async function seedCarrier(input: { organisationName: string; registrationNumber: string; vehicles: string[]; postcode?: string }) {
  const { saveParty } = await import('@/lib/address-book/service');
  const site = await ensureE2eSite();
  const { entry } = await saveParty({
    actor: systemActor([site.id]),
    input: {
      siteId: site.id,
      kind: 'CARRIER',
      organisationName: input.organisationName,
      registrationNumber: input.registrationNumber,
      postcode: input.postcode,
      meansOfTransport: 'Road',
      vehicleRegistrations: input.vehicles,
    },
  });
  return entry;
}

/** What a seeded load differs in from test/load-fixtures loadForm(). */
export interface LoadSeed {
  carrier: string;
  vehicle?: string;
  /** UK time, "YYYY-MM-DDTHH:mm". */
  received: string;
  items: { description: string; ewc?: string; kilograms?: string }[];
}

/**
 * Loads at the e2e site saved through saveLoad (to send), as a clerk would. In a child process under
 * tsx: Playwright's loader cannot import the reference data's JSON modules that saveLoad needs.
 */
export async function seedLoads(loads: LoadSeed[]): Promise<{ id: string; ticketNumber: string }[]> {
  const { execFileSync } = await import('node:child_process');
  const path = await import('node:path');
  const script = path.join(import.meta.dirname, 'seed-loads-cli.ts');
  const out = execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], {
    input: JSON.stringify(loads),
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out.toString().trim().split('\n').pop()!) as { id: string; ticketNumber: string }[];
}

/**
 * A load at the e2e site as saveLoad and delivery would have left it (status, DWT's warnings, waste
 * tracking id, the stored reporting deadline). Written with Prisma rather than through saveLoad, whose
 * reference-data JSON imports Playwright's loader cannot read.
 */
export async function seedLoad(input: {
  ticket: string;
  receivedUk: string; // 'YYYY-MM-DDTHH:mm', UK time
  status: 'DRAFT' | 'PENDING' | 'SENT' | 'NEEDS_ATTENTION' | 'CHECK_NEEDED';
  ewc?: string;
  carrier?: string;
  vehicle?: string;
  warnings?: number;
  /** Sent without disposal or recovery codes (DWT warned): they must follow by the same deadline. */
  codesToFollow?: boolean;
}) {
  const { randomUUID } = await import('node:crypto');
  const { db } = await import('@/lib/db');
  const { reportingDeadline } = await import('@/lib/deadline');
  const { ukLocalToInstant } = await import('@/lib/time/uk-time');
  const site = await ensureE2eSite();
  const receivedAt = ukLocalToInstant(input.receivedUk)!;
  const carrier = input.carrier ?? 'Acme Haulage Ltd';
  const vehicle = input.vehicle ?? 'AB12 CDE';
  const ewc = input.ewc ?? '170504';
  const id = randomUUID();
  const sent = input.status === 'SENT';
  await db().load.create({
    data: {
      id,
      siteId: site.id,
      ticketNumber: input.ticket,
      receivedAt,
      dueAt: reportingDeadline(receivedAt, site.nation),
      status: input.status,
      movement: {
        dateTimeReceived: receivedAt.toISOString(),
        yourUniqueReference: input.ticket,
        wasteItems: [
          {
            ewcCodes: [ewc],
            wasteDescription: 'Seeded waste',
            physicalForm: 'Solid',
            numberOfContainers: 1,
            typeOfContainers: 'SKI',
            weight: { metric: 'Tonnes', amount: 8.2, isEstimate: false },
            containsPops: false,
            containsHazardous: false,
          },
        ],
        carrier: { registrationNumber: 'CBDU123456', organisationName: carrier, meansOfTransport: 'Road', vehicleRegistration: vehicle },
      },
      wasteTrackingId: sent ? `26${id.replace(/-/g, '').slice(0, 10).toUpperCase()}` : null,
      dwtWarnings: Array.from({ length: input.warnings ?? 0 }, () => ({ key: 'wasteItems.0.weight', message: 'Check the weight' })),
      sentAt: sent ? new Date() : null,
      sentVersion: sent ? 1 : null,
      vehicleRegistration: vehicle,
      carrierName: carrier,
      ewcCodes: [ewc],
      codesToFollow: input.codesToFollow ?? false,
      netWeight: '8.2',
      weightUnit: 'Tonnes',
    },
  });
  return id;
}

/**
 * A person (a sole-trader carrier) in the e2e site's address book and on a draft load, for the data
 * requests test. Everything unique to `tag`.
 */
export async function seedPersonOnLoads(tag: string) {
  const { saveParty } = await import('@/lib/address-book/service');
  const { db } = await import('@/lib/db');
  const { toMovement } = await import('@/lib/loads/schema');
  const { loadForm } = await import('@/test/load-fixtures');
  const { randomUUID } = await import('node:crypto');
  const site = await ensureE2eSite();
  const actor = systemActor([site.id]);
  const person = { name: `Petra Rights ${tag}`, email: `petra.${tag}@example.org`, phone: `07700 9${tag.slice(-5)}`, vehicle: 'PR12 GHT' };
  const { entry } = await saveParty({
    actor,
    input: {
      siteId: site.id,
      kind: 'CARRIER',
      organisationName: person.name,
      registrationNumber: 'CBDU123456',
      emailAddress: person.email,
      phoneNumber: person.phone,
      vehicleRegistrations: [person.vehicle],
    },
  });
  const form = loadForm();
  const ticketNumber = `DR${tag}`;
  form.yourUniqueReference = ticketNumber;
  form.ticketNumberIsSuggested = false;
  form.carrier = {
    ...form.carrier,
    addressBookId: entry.id,
    organisationName: person.name,
    emailAddress: person.email,
    phoneNumber: person.phone,
    vehicleRegistration: person.vehicle,
  };
  // A draft written directly: the loads service pulls in the bundled reference data (JSON modules),
  // which Playwright's loader cannot import. Same columns as lib/loads/service saveLoad writes.
  const load = await db().load.create({
    data: {
      id: randomUUID(),
      siteId: site.id,
      ticketNumber,
      receivedAt: new Date(),
      status: 'DRAFT',
      movement: toMovement(form) as object,
      formValues: form as unknown as object,
      carrierName: person.name,
      vehicleRegistration: person.vehicle,
      ewcCodes: form.wasteItems[0]!.ewcCodes,
    },
  });
  return { ...person, entryId: entry.id, loadId: load.id, ticketNumber };
}
