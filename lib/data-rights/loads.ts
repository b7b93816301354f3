// Customers' data rights on loads: finding a person on loads, anonymising and erasing them. The SQL over
// the load table that only a data request needs lives here, beside the rules it serves, so lib/loads
// (saving a load, its history) never depends on lib/data-rights.
import 'server-only';
import { assertCan, type Actor } from '@/lib/auth/actor';
import { db, type Tx, likeEscape } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { anonymiseFormValues, anonymiseMovement, loadNeedles, mergeNeedles, scrubJson, scrubText, type Needles } from './anonymise';

/** How lib/data-rights searches loads: one kind of key (normalised there) and linked address-book ids. */
export interface LoadsMentioningInput {
  by: 'name' | 'email' | 'phone' | 'vehicle';
  key: string;
  addressBookIds?: string[];
  limit: number;
}

// The path is written into the SQL, not bound: PostgreSQL uses an expression index only for the same
// constant expression (the data-request search indexes, migration 20261201130000_data_request_search).
// `field` is always one of the form's own keys (or 'address,postcode'), never input; checked all the same.
const partyField = (role: 'carrier' | 'brokerOrDealer', field: string) => {
  if (!/^[A-Za-z]+(,[A-Za-z]+)?$/.test(field)) throw new Error(`not a form field path: ${field}`);
  return Prisma.raw(`(l.form_values #>> '{${role},${field}}'::text[])`);
};

/** The WHERE condition of a data-request search over loads (`l`), shared by the search and its count. */
function mentioning(input: LoadsMentioningInput): Prisma.Sql {
  const roles = ['carrier', 'brokerOrDealer'] as const;
  const per = roles.map((role) => {
    switch (input.by) {
      case 'name':
        return Prisma.sql`lower(${partyField(role, 'organisationName')}) LIKE ${`%${likeEscape(input.key)}%`}`;
      case 'email':
        return Prisma.sql`lower(btrim(${partyField(role, 'emailAddress')})) = ${input.key}`;
      case 'phone':
        // Ends with the key: the digits reversed start with it (a B-tree range scan, migration 20261203070000).
        return Prisma.sql`reverse(regexp_replace(${partyField(role, 'phoneNumber')}, '[^0-9]+', '', 'g')) LIKE ${`${likeEscape([...input.key].reverse().join(''))}%`}`;
      case 'vehicle':
        return role === 'carrier'
          ? Prisma.sql`upper(regexp_replace(${partyField(role, 'vehicleRegistration')}, '[^A-Za-z0-9]+', '', 'g')) = ${input.key}`
          : Prisma.sql`false`;
    }
  });
  const linked = input.addressBookIds?.length
    ? Prisma.sql`OR ${partyField('carrier', 'addressBookId')} = ANY(${input.addressBookIds}::text[]) OR ${partyField('brokerOrDealer', 'addressBookId')} = ANY(${input.addressBookIds}::text[])`
    : Prisma.empty;
  return Prisma.sql`(${per[0]} OR ${per[1]} ${linked})`;
}

/** How many loads a data-request search matches in all (the search itself lists FIND_MAX_RESULTS at most). */
export async function countLoadsMentioning({ actor, input }: { actor: Actor; input: Omit<LoadsMentioningInput, 'limit'> }): Promise<number> {
  assertCan(actor, 'data-requests.manage');
  const [row] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM load l WHERE ${mentioning({ ...input, limit: 0 })}`;
  return Number(row?.n ?? 0);
}

/**
 * Loads at any site whose carrier or broker/dealer (in the form's values, from which the movement is
 * built) matches: a name containing the key (lower case), the same email address, the same phone
 * number (by `phoneKey`, ending with it) or vehicle (by `matchKey`), or a link to one of the
 * address-book entries. A sequential scan: an admin action, measured at 100k loads in the closing note.
 */
export async function findLoadsMentioning({ actor, input }: { actor: Actor; input: LoadsMentioningInput }) {
  assertCan(actor, 'data-requests.manage');
  return db().$queryRaw<
    {
      id: string;
      siteId: string;
      siteName: string;
      ticketNumber: string;
      receivedAt: Date;
      status: LoadStatus;
      wasteTrackingId: string | null;
      formValues: unknown;
    }[]
  >`
    SELECT l.id, l.site_id AS "siteId", s.name AS "siteName", l.ticket_number AS "ticketNumber", l.received_at AS "receivedAt",
           l.status, l.waste_tracking_id AS "wasteTrackingId", l.form_values AS "formValues"
    FROM load l JOIN site s ON s.id = l.site_id
    WHERE ${mentioning(input)}
    ORDER BY l.received_at DESC, l.id
    LIMIT ${input.limit}`;
}

/**
 * For an erasure, in the caller's transaction: drafts never sent are deleted outright; every other load
 * has the personal fields of the given roles anonymised (movement, form values, denormalised columns)
 * and the erased values scrubbed from anything else it holds. Its version is bumped, so a form opened
 * before the erasure cannot save the values back; a load not yet sent is sent anonymised. Returns the
 * ids deleted and anonymised; never logs the values.
 */
export async function eraseFromLoads(
  tx: Tx,
  { loads, needles }: { loads: { id: string; roles: ('carrier' | 'brokerOrDealer')[] }[]; needles: Needles },
): Promise<{ deleted: string[]; anonymised: string[] }> {
  const deleted: string[] = [];
  const anonymised: string[] = [];
  for (const { id, roles } of loads) {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM load WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) continue;
    const load = await tx.load.findUniqueOrThrow({ where: { id } });
    if (load.status === 'DRAFT' && !load.wasteTrackingId) {
      await tx.load.delete({ where: { id } });
      deleted.push(id);
      continue;
    }
    // The search's values and the load's own (which DWT's messages and our send attempts may quote).
    const own = mergeNeedles(needles, loadNeedles([load.formValues, load.movement], roles));
    const scrub = (v: unknown) => scrubJson(v, own).value as Prisma.InputJsonValue;
    for (const attempt of await tx.sendAttempt.findMany({ where: { loadId: id }, select: { id: true, detail: true } })) {
      const detail = scrubJson(attempt.detail, own);
      if (detail.changed) await tx.sendAttempt.update({ where: { id: attempt.id }, data: { detail: detail.value as Prisma.InputJsonValue } });
    }
    // The weighbridge camera's photos may show the vehicle's plate or the driver: they go with the rest.
    await tx.loadPhoto.deleteMany({ where: { loadId: id } });
    const job = await tx.deliveryJob.findUnique({ where: { loadId: id }, select: { lastError: true } });
    if (job?.lastError && scrubText(job.lastError, own) !== job.lastError) {
      await tx.deliveryJob.update({ where: { loadId: id }, data: { lastError: scrubText(job.lastError, own) } });
    }
    await tx.load.update({
      where: { id },
      data: {
        movement: scrub(anonymiseMovement(load.movement, roles)),
        formValues: scrub(anonymiseFormValues(load.formValues, roles)),
        dwtErrors: scrub(load.dwtErrors),
        dwtWarnings: scrub(load.dwtWarnings),
        carrierName: roles.includes('carrier') ? (load.carrierName ? 'Erased' : null) : load.carrierName && scrubText(load.carrierName, own),
        vehicleRegistration: roles.includes('carrier') ? null : load.vehicleRegistration,
        version: { increment: 1 },
      },
    });
    anonymised.push(id);
  }
  return { deleted, anonymised };
}

/** Sent loads (by when they were sent, else received) before `cutoff` that still hold personal fields. */
export async function findSentLoadsWithPersonalData({ before, limit }: { before: Date; limit: number }): Promise<string[]> {
  const blank = (role: 'carrier' | 'brokerOrDealer', field: string, markers: string[] = []) =>
    Prisma.sql`coalesce(${partyField(role, field)}, '') IN ('', ${Prisma.join(markers.length ? markers : [''])})`;
  const partyBlank = (role: 'carrier' | 'brokerOrDealer') => Prisma.sql`(${blank(role, 'organisationName', ['Erased'])} AND ${blank(role, 'emailAddress')}
    AND ${blank(role, 'phoneNumber')} AND ${blank(role, 'address,fullAddress')} AND ${blank(role, 'address,postcode')}
    AND ${blank(role, 'vehicleRegistration', ['ERASED'])})`;
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT l.id FROM load l
    WHERE l.status = 'SENT' AND coalesce(l.sent_at, l.received_at) < ${before}
      AND NOT (${partyBlank('carrier')} AND ${partyBlank('brokerOrDealer')})
    ORDER BY l.id
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
