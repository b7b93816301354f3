// Loads: saving the master copy. A save commits to PostgreSQL (the load, its audit entry and its queued
// send together: a new load in one statement, a correction in one transaction) before anything is sent;
// lib/delivery sends afterwards. Also who may correct a load. Import from ./service.
import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { auditEntrySql, diffFields, recordAudit } from '@/lib/audit/service';
import { db, isUniqueViolation, queryRows } from '@/lib/db';
import { receivingSiteOf } from '@/lib/sites/receiving-site';
import { dequeueDelivery, enqueueDelivery, enqueueDeliverySql, type LoadAsSaved, type SendClaim } from '@/lib/delivery/queue';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { reportingDeadline } from '@/lib/deadline';
import { getReferenceLookups } from '@/lib/reference-data/service';
import { receivedInstant } from './received-time';
import { loadFormSchema } from './form-schema';
import { checkLoadForm, toMovement, type LoadFormValues } from './schema';
import { CORRECTION_REASON_REQUIRED, submitLoadSchema, type SubmitLoadInput } from './submit-schema';
import { loadNet } from './ticket';
import { keepWeighings, readWeighings } from './weighing-schema';
import { siteWeightHistory } from './site-history';

export function formatTicketNumber(n: number): string {
  return String(n).padStart(6, '0');
}

/** Flattens a form into "a.b.0.c" → value, for field-by-field audit entries. */
function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) out[prefix] = value;
    else value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

/** A load's form, field by field (a field only one side has is null on the other). */
function formDiff(before: LoadFormValues, after: LoadFormValues): Record<string, { from: unknown; to: unknown }> {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => key !== 'ticketNumberIsSuggested');
  const withNulls = (values: Record<string, unknown>) => Object.fromEntries(keys.map((key) => [key, values[key] ?? null]));
  return diffFields(withNulls(a), withNulls(b), keys);
}

/**
 * The site's next ticket number, taken in a statement of its own (committed at once), never inside a
 * save's transaction: there the site's row stayed locked until the save committed, so every clerk at
 * the site queued behind the one saving (158 ms a save with 20 clerks, bench/clerks.ts --statements).
 * A save that fails after taking a number leaves that number unused (docs/decisions/ticket-numbers.md).
 */
export async function allocateTicket(siteId: string): Promise<string> {
  const rows = await queryRows<{ n: number }>(Prisma.sql`
    UPDATE site SET next_ticket_number = next_ticket_number + 1 WHERE id = ${siteId}::uuid
    RETURNING next_ticket_number - 1 AS n`);
  if (!rows[0]) throw new NotFoundError('That site no longer exists.');
  return formatTicketNumber(rows[0].n);
}

/** A ticket number typed by hand moves the sequence past it, so the next suggestion is free (as allocateTicket: at once). */
async function passTicket(siteId: string, ticket: string): Promise<void> {
  if (!/^\d{1,9}$/.test(ticket)) return;
  await queryRows(Prisma.sql`UPDATE site SET next_ticket_number = GREATEST(next_ticket_number, ${Number(ticket) + 1}) WHERE id = ${siteId}::uuid`);
}

/** A new load's ticket number: the site's next one when the clerk kept the suggestion (or left it blank), else the one typed. */
async function newLoadTicket(siteId: string, form: LoadFormValues): Promise<string> {
  const typed = form.yourUniqueReference.trim();
  if (form.ticketNumberIsSuggested || typed === '') return allocateTicket(siteId);
  await passTicket(siteId, typed);
  return typed;
}

export function denormalised(form: LoadFormValues, isHazardous: (code: string) => boolean) {
  const ewcCodes = [...new Set(form.wasteItems.flatMap((i) => i.ewcCodes))];
  const net = loadNet(form);
  return {
    vehicleRegistration: form.carrier.vehicleRegistration.trim().toUpperCase() || null,
    carrierName: form.carrier.organisationName.trim() || null,
    ewcCodes,
    isHazardous: ewcCodes.some(isHazardous),
    // Sent without a disposal or recovery code on some item: the codes must follow by the same deadline.
    codesToFollow: form.wasteItems.some((i) => !i.disposalOrRecoveryCodes.some((d) => d.code.trim() !== '')),
    netWeight: net ? String(net.amount) : null,
    weightUnit: net?.unit ?? null,
  };
}

export interface SavedLoad {
  id: string;
  ticketNumber: string;
  status: LoadStatus;
  version: number;
  created: boolean;
  /** The send, leased to the caller that asked to send now (`sendNow`): pass it to deliverLoad. */
  sendClaim?: SendClaim;
}

/** The clerk may correct their own loads until DWT has them; managers may correct any load. */
function assertMayEdit(actor: Actor, load: { createdById: string | null; wasteTrackingId: string | null; status: LoadStatus }) {
  if (can(actor.roles, 'loads.manage')) return;
  // A vehicle on site belongs to the gatehouse: whoever weighs at the site may add its waste details.
  if (load.status === 'ON_SITE' && can(actor.roles, 'weighings.create')) return;
  if (load.createdById !== actor.id) throw new ForbiddenError('You can only change loads you logged. Ask a manager.');
  if (load.wasteTrackingId || load.status === 'SENT' || load.status === 'CHECK_NEEDED') {
    throw new ForbiddenError('This load has been sent to DWT. Ask a manager to correct it.');
  }
}

/**
 * Whether changing this saved load is a correction that must say why (kept in its history): any load
 * saved to send, except one its own clerk is still fixing because DWT refused it and never held it.
 * Drafts are work in progress, not records yet.
 */
export function correctionNeedsReason(
  actor: Actor,
  load: { status: LoadStatus; createdById: string | null; wasteTrackingId: string | null; sentVersion: number | null },
): boolean {
  if (load.status === 'DRAFT' || load.status === 'ON_SITE') return false;
  const ownRefusedLoad = load.status === 'NEEDS_ATTENTION' && !load.wasteTrackingId && load.sentVersion === null && load.createdById === actor.id;
  return !ownRefusedLoad;
}

interface NewLoadRow {
  version: number;
  job: { claimed: boolean; attempts: number; post_in_flight: boolean } | null;
}

/**
 * A new load, its queued send (leased to the saving request with `sendNow`) and its audit entry, as ONE
 * statement: committed together as a transaction would, in one round trip instead of seven (BEGIN, a
 * look for the id, the insert, the job, the entry, COMMIT). With twenty clerks saving at once the app's
 * one JavaScript thread was the bottleneck, and every round trip costs it (bench/clerks.ts). Nothing is
 * written when the id is already saved (ON CONFLICT DO NOTHING): `savedFrom` then gives null and the
 * caller takes the correction path. The ticket number is taken before (allocateTicket).
 */
function newLoadStatement(input: {
  actor: Actor;
  id: string;
  site: LoadAsSaved['site'] & { id: string };
  ticketNumber: string;
  form: LoadFormValues;
  status: LoadStatus;
  receivedAt: Date;
  dueAt: Date;
  intent: 'send' | 'draft';
  sendNow: boolean;
  isHazardous: (code: string) => boolean;
}): { sql: Prisma.Sql; savedFrom: (row: NewLoadRow | undefined) => SavedLoad | null } {
  const { actor, id, site, ticketNumber, status } = input;
  const saved = { ...input.form, yourUniqueReference: ticketNumber, ticketNumberIsSuggested: false };
  const d = denormalised(saved, input.isHazardous);
  const movementJson = JSON.stringify(toMovement(saved));
  const actorId = auditActorId(actor);
  const inserted = Prisma.sql`EXISTS (SELECT 1 FROM l)`;
  const job = status === 'PENDING' ? enqueueDeliverySql(id, { claim: input.sendNow, onlyIf: inserted }) : null;
  const audit = auditEntrySql(
    {
      actorId,
      action: input.intent === 'draft' ? 'load.create-draft' : 'load.create',
      entityType: 'load',
      entityId: id,
      siteId: site.id,
      changes: {
        ticketNumber: { to: ticketNumber },
        status: { to: status },
        // A weight the plausibility check asked about, confirmed by the clerk: kept with who and when.
        ...Object.fromEntries(saved.wasteItems.flatMap((item, i) => (item.weightConfirmed ? [[`wasteItems.${i}.weightConfirmed`, { to: true }]] : []))),
      },
    },
    inserted,
  );
  const sql = Prisma.sql`
    WITH l AS (
      INSERT INTO load (id, site_id, ticket_number, received_at, due_at, status, movement, form_values, vehicle_registration, carrier_name,
                        ewc_codes, is_hazardous, codes_to_follow, net_weight, weight_unit, created_by_id, updated_by_id, updated_at)
      VALUES (${id}::uuid, ${site.id}::uuid, ${ticketNumber}, ${input.receivedAt}, ${input.dueAt}, ${status}::"LoadStatus",
              ${movementJson}::jsonb, ${JSON.stringify(saved)}::jsonb, ${d.vehicleRegistration}, ${d.carrierName},
              ${d.ewcCodes}::text[], ${d.isHazardous}, ${d.codesToFollow}, ${d.netWeight}::numeric, ${d.weightUnit}, ${actorId}::uuid, ${actorId}::uuid, now())
      ON CONFLICT (id) DO NOTHING
      RETURNING version
    ),
    j AS (${job ? job.sql : Prisma.sql`SELECT NULL::boolean AS claimed, 0 AS attempts, FALSE AS post_in_flight WHERE FALSE`}),
    a AS (${audit})
    SELECT l.version, (SELECT to_jsonb(j) FROM j) AS job FROM l`;
  const savedFrom = (row: NewLoadRow | undefined): SavedLoad | null => {
    if (!row) return null;
    const claim = job?.claimOf(row.job);
    // The send that follows at once needs no read of what was just written (the movement as stored).
    const sendClaim = claim && {
      ...claim,
      saved: {
        status,
        wasteTrackingId: null,
        dwtWarnings: [],
        dwtErrors: [],
        version: row.version,
        movement: JSON.parse(movementJson) as unknown,
        site: input.site,
      },
    };
    return { id, ticketNumber, status, version: row.version, created: true, ...(sendClaim ? { sendClaim } : {}) };
  };
  return { sql, savedFrom };
}

/**
 * Saves a load (new or corrected) as a draft or to be sent. The id is generated by the form, so a
 * repeated submit (a double click, a retry after a lost answer) finds the load it already saved.
 */
export async function saveLoad({
  actor,
  input,
  now = new Date(),
  sendNow = false,
}: {
  actor: Actor;
  input: SubmitLoadInput;
  now?: Date;
  /** The caller sends the load as soon as it is saved (deliverLoad with the returned `sendClaim`). */
  sendNow?: boolean;
}): Promise<SavedLoad> {
  assertCan(actor, 'loads.create');
  const data = submitLoadSchema.parse(input);
  assertSite(actor, data.siteId);
  // A load weighed at the gatehouse keeps its weighings and weigh-in time whatever the form says; one
  // still on site is never checked for sending (it is not sent until it is weighed out).
  const [site, lookups, prior] = await Promise.all([
    db().site.findUnique({ where: { id: data.siteId } }),
    getReferenceLookups(),
    db().load.findUnique({ where: { id: data.id }, select: { status: true, weighings: true, weighedInAt: true } }),
  ]);
  if (!site) throw new NotFoundError('That site no longer exists.');
  const form = prior ? keepWeighings(loadFormSchema.parse(data.form), prior) : loadFormSchema.parse(data.form);

  if (data.intent === 'send' && prior?.status !== 'ON_SITE') {
    const history = await siteWeightHistory(site.id);
    const check = checkLoadForm(form, { lookups, site: receivingSiteOf(site), now, history });
    if (!check.ok) throw new ValidationError(check.fieldErrors);
  }
  const receivedAt = receivedInstant(form.dateTimeReceived) ?? now;
  const dueAt = reportingDeadline(receivedAt, site.nation);
  const status: LoadStatus = data.intent === 'draft' ? 'DRAFT' : 'PENDING';
  // A new load's ticket number, taken before the transaction (allocateTicket says why).
  const newTicket = prior ? null : await newLoadTicket(site.id, form);

  const newLoad = (ticketNumber: string) =>
    newLoadStatement({
      actor,
      id: data.id,
      site,
      ticketNumber,
      form,
      status,
      receivedAt,
      dueAt,
      intent: data.intent,
      sendNow,
      isHazardous: lookups.isHazardousEwcCode,
    });

  try {
    // A new load at the window: one statement (newLoadStatement says why), unless its id turns out saved.
    if (newTicket !== null) {
      const { sql, savedFrom } = newLoad(newTicket);
      // Committed by itself, straight on the pool: a clerk's save at a busy window pays no more than it must.
      const saved = savedFrom((await queryRows<NewLoadRow>(sql))[0]);
      if (saved) return saved;
    }
    return await db().$transaction(async (tx) => {
      const existing = await tx.load.findUnique({ where: { id: data.id } });
      if (!existing) {
        // Gone since it was read (erased meanwhile): saved anew.
        const { sql, savedFrom } = newLoad(newTicket ?? (await newLoadTicket(site.id, form)));
        const saved = savedFrom((await tx.$queryRaw<NewLoadRow[]>(sql))[0]);
        if (!saved) throw new ConflictError('Someone else saved this load at the same moment. Open it again and retry.');
        return saved;
      }

      if (existing.siteId !== site.id) throw new ForbiddenError('That load belongs to another site.');
      assertMayEdit(actor, existing);
      const before = existing.formValues as unknown as LoadFormValues;
      // The same submission again (a double click, a retry): nothing new to save.
      if (
        (data.expectedVersion ?? 0) === existing.version - 1 &&
        isDeepStrictEqual(before, { ...form, yourUniqueReference: existing.ticketNumber, ticketNumberIsSuggested: false })
      ) {
        return { id: existing.id, ticketNumber: existing.ticketNumber, status: existing.status, version: existing.version, created: false };
      }
      if (data.expectedVersion !== existing.version) {
        throw new ConflictError(
          'Someone else changed this load after you opened it. Your changes were not saved: open the load again to see the latest version, then make your changes.',
        );
      }
      const ticketNumber = form.yourUniqueReference.trim() || existing.ticketNumber;
      if (ticketNumber !== existing.ticketNumber) await passTicket(site.id, ticketNumber);
      // Weighed at the gatehouse: the weighings (and the weigh-in time) are the weighbridge's, not the form's.
      const saved = keepWeighings({ ...form, yourUniqueReference: ticketNumber, ticketNumberIsSuggested: false }, existing);
      const weighedIn = readWeighings(existing.weighings).length > 0 ? existing.weighedInAt : null;
      // Once DWT holds a version, a correction is always sent (as a PUT); it cannot go back to draft.
      // A load that needs a check stays so until a manager decides whether DWT has it: a correction
      // must not turn into a second POST of a load DWT may already hold.
      // A vehicle still on site stays so (never queued) until it is weighed out.
      const nextStatus: LoadStatus =
        existing.status === 'CHECK_NEEDED' || existing.status === 'ON_SITE'
          ? existing.status
          : data.intent === 'draft' && !existing.wasteTrackingId
            ? 'DRAFT'
            : 'PENDING';
      const changed = await tx.load.updateMany({
        where: { id: existing.id, version: existing.version },
        data: {
          ticketNumber,
          receivedAt: weighedIn ?? receivedAt,
          dueAt: weighedIn ? reportingDeadline(weighedIn, site.nation) : dueAt,
          status: nextStatus,
          movement: toMovement(saved) as Prisma.InputJsonValue,
          formValues: saved as unknown as Prisma.InputJsonValue,
          ...denormalised(saved, lookups.isHazardousEwcCode),
          updatedById: auditActorId(actor),
          version: { increment: 1 },
        },
      });
      if (changed.count === 0) throw new ConflictError('Someone else changed this load at the same moment. Open it again and retry.');
      // "Save as draft" on a load DWT already holds is a correction that will be sent: DWT's checks first.
      if (nextStatus === 'PENDING' && data.intent === 'draft') {
        const check = checkLoadForm(form, { lookups, site: receivingSiteOf(site), now, history: await siteWeightHistory(site.id) });
        if (!check.ok) throw new ValidationError(check.fieldErrors);
      }
      // Every correction says why (rolled back with the update when it does not).
      const reason = data.correctionReason?.trim() ?? '';
      if (correctionNeedsReason(actor, existing) && reason === '') throw new ValidationError({ correctionReason: [CORRECTION_REASON_REQUIRED] });
      const sendClaim = nextStatus === 'PENDING' ? await enqueueDelivery(tx, existing.id, { claim: sendNow }) : null;
      if (nextStatus !== 'PENDING') await dequeueDelivery(tx, existing.id);
      const diff = formDiff(before, saved);
      if (existing.status !== nextStatus) diff.status = { from: existing.status, to: nextStatus };
      // The reason is a note on the entry (not a field change): the history shows it with the changes.
      const changes: Record<string, unknown> = reason ? { correctionReason: reason, ...diff } : diff;
      await recordAudit(tx, { actorId: auditActorId(actor), action: 'load.update', entityType: 'load', entityId: existing.id, siteId: site.id, changes });
      return { id: existing.id, ticketNumber, status: nextStatus, version: existing.version + 1, created: false, ...(sendClaim ? { sendClaim } : {}) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ValidationError({ yourUniqueReference: [`Ticket number ${form.yourUniqueReference.trim()} is already used at this site`] });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The load page: who may correct it (its history is in ./history.ts)
// ---------------------------------------------------------------------------------------------

/**
 * Whether the actor may correct this load (the same rule saveLoad enforces), with the reason if not:
 * pages use it to refuse plainly and to hide the "Correct this load" link.
 */
export function mayCorrectLoad(
  actor: Actor,
  load: { createdById: string | null; wasteTrackingId: string | null; status: LoadStatus },
): { ok: true } | { ok: false; reason: string } {
  if (!can(actor.roles, 'loads.create')) return { ok: false, reason: 'Your role cannot correct loads. Ask a manager.' };
  try {
    assertMayEdit(actor, load);
    return { ok: true };
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, reason: error.message };
    throw error;
  }
}
