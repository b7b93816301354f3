// Customers' data rights: everything found about a person, for them (JSON, or CSV whose cells a
// spreadsheet never reads as formulas). Audited with counts only, never logged.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { csvText } from '@/lib/csv';
import { db } from '@/lib/db';
import { findPersonalData } from './find';
import type { FindInput, FindResult } from './schema';

export interface PersonalDataExport extends FindResult {
  generatedAt: string;
  note: string;
}

/** Everything found, for the person: audited (counts only), never logged. */
export async function exportPersonalData({ actor, input, now = new Date() }: { actor: Actor; input: FindInput; now?: Date }): Promise<PersonalDataExport> {
  const result = await findPersonalData({ actor, input });
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'data-request.export',
      entityType: 'data-request',
      entityId: randomUUID(),
      changes: { by: { to: result.query.by }, entries: { to: result.entries.length }, loads: { to: result.loads.length }, users: { to: result.users.length } },
    });
  });
  return {
    ...result,
    generatedAt: now.toISOString(),
    note:
      'Everything Weighbook holds about this person or organisation at every site: address-book entries, the loads they appear on ' +
      '(as carrier or broker/dealer) and staff accounts. Loads already sent are also held by the Digital Waste Tracking service.',
  };
}

const CSV_COLUMNS = [
  'source',
  'id',
  'site',
  'role',
  'name',
  'registrationNumber',
  'address',
  'postcode',
  'email',
  'phone',
  'vehicleRegistrations',
  'ticketNumber',
  'receivedAt',
  'status',
  'wasteTrackingId',
  'matched',
] as const;

/** One CSV cell: a list joined with "; ", never read as a formula by a spreadsheet (lib/csv.ts). */
function cell(value: unknown): string {
  return csvText(value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value));
}

/** The export as CSV, one row per record (per role, for a load on which the person is both). */
export function exportToCsv(data: FindResult): string {
  const rows: Record<(typeof CSV_COLUMNS)[number], unknown>[] = [];
  const blank = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<(typeof CSV_COLUMNS)[number], unknown>;
  for (const e of data.entries) {
    rows.push({
      ...blank,
      source: 'address book',
      id: e.id,
      site: e.siteName,
      role: e.kind === 'CARRIER' ? 'Carrier' : 'Broker or dealer',
      name: e.organisationName,
      registrationNumber: e.registrationNumber,
      address: e.fullAddress,
      postcode: e.postcode,
      email: e.emailAddress,
      phone: e.phoneNumber,
      vehicleRegistrations: e.vehicleRegistrations,
      matched: e.matched,
    });
  }
  for (const l of data.loads) {
    for (const r of l.roles) {
      rows.push({
        ...blank,
        source: 'load',
        id: l.id,
        site: l.siteName,
        role: r.role === 'carrier' ? 'Carrier' : 'Broker or dealer',
        name: r.party.organisationName,
        registrationNumber: r.party.registrationNumber,
        address: r.party.fullAddress,
        postcode: r.party.postcode,
        email: r.party.emailAddress,
        phone: r.party.phoneNumber,
        vehicleRegistrations: r.party.vehicleRegistration ?? '',
        ticketNumber: l.ticketNumber,
        receivedAt: l.receivedAt,
        status: l.status,
        wasteTrackingId: l.wasteTrackingId,
        matched: r.matched,
      });
    }
  }
  for (const u of data.users) rows.push({ ...blank, source: 'staff account', id: u.id, role: 'Staff user', name: u.name, email: u.email, matched: u.matched });
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
