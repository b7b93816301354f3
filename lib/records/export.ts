// Exporting the filtered list of loads as CSV, Excel or JSON, streamed: loads are read 250 at a
// time by keyset pagination on (received_at, id) and written as they come, and the stream is pulled
// (the next batch is read only when the download has taken the last), so memory stays bounded
// whatever the number of loads and a cancelled download stops the reading.
import 'server-only';
import { assertCan, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ukCalendarDate } from '@/lib/deadline';
import { ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { logger } from '@/lib/logger';
import { csvEncoder, jsonEncoder, rowsOf, sheetEncoder, type ExportLoad, type RowEncoder } from './export-format';
import { exportContentTypes, exportFilename, exportFormatSchema, type ExportFormat } from './export-schema';
import { loadWhereSql } from './filters';
import { recordFiltersSchema, type RecordFilters } from './schema';
import { xlsxStream } from './xlsx';

/**
 * Loads per query. Small enough that a batch is usually written out before the young generation is
 * collected twice, so it dies young: with 1,000 the .xlsx export (slower per batch: deflate) kept
 * promoting whole batches and its heap grew with the number of loads.
 */
export const EXPORT_BATCH_SIZE = 250;

export interface RecordsExport {
  stream: ReadableStream<Uint8Array>;
  filename: string;
  contentType: string;
  /** Loads matching the filters when the export started. */
  loads: number;
  /** Rows in the file (one per waste item, at least one per load), not counting the heading. */
  rows: number;
}

/** The rows' count in SQL: one per waste item, at least one per load. Kept beside the batch query. */
const ROWS_OF_LOAD = Prisma.sql`CASE WHEN jsonb_typeof(l.movement->'wasteItems') = 'array' THEN greatest(jsonb_array_length(l.movement->'wasteItems'), 1) ELSE 1 END`;

interface LoadRow extends Omit<ExportLoad, 'warnings'> {
  warnings: number;
}

async function readBatch(where: Prisma.Sql, after: { at: Date; id: string } | null, desc: boolean, batchSize: number): Promise<ExportLoad[]> {
  // The plain bound on received_at lets the (site_id, received_at) index start where the last batch ended.
  const keyset = after
    ? desc
      ? Prisma.sql`AND l.received_at <= ${after.at} AND (l.received_at, l.id) < (${after.at}, ${after.id}::uuid)`
      : Prisma.sql`AND l.received_at >= ${after.at} AND (l.received_at, l.id) > (${after.at}, ${after.id}::uuid)`
    : Prisma.empty;
  const order = desc ? Prisma.sql`l.received_at DESC, l.id DESC` : Prisma.sql`l.received_at, l.id`;
  return db().$queryRaw<LoadRow[]>`
    SELECT l.id, l.received_at AS "receivedAt", s.name AS "siteName", l.ticket_number AS "ticketNumber",
           to_char(l.received_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS received,
           to_char(l.due_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS due,
           l.status::text AS status, jsonb_array_length(l.dwt_warnings)::int AS warnings,
           l.waste_tracking_id AS "wasteTrackingId", l.movement, l.codes_to_follow AS "codesToFollow",
           l.net_weight::float8 AS "netWeight", l.weight_unit AS "weightUnit",
           to_char(l.possible_duplicate_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS "possibleDuplicate"
    FROM load l JOIN site s ON s.id = l.site_id
    WHERE ${where} ${keyset}
    ORDER BY ${order}
    LIMIT ${batchSize}`;
}

async function* loadBatches(where: Prisma.Sql, desc: boolean, batchSize: number): AsyncGenerator<ExportLoad[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const batch = await readBatch(where, after, desc, batchSize);
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { at: last.receivedAt, id: last.id };
    // Written out: empty the array so its loads can be collected now. The PrismaPromise that returned
    // it has a getter (`spec`), whose accessor pair V8 allocates in the old generation; through it the
    // settled promise and this array stay reachable for young-generation collections until the next
    // full GC, so without this every batch is promoted and the heap grows with the number of loads
    // (bench/records-export.ts: CSV peak RSS 301 MB at 100,000 loads instead of ~210 MB).
    batch.length = 0;
  }
}

/**
 * Text is handed on in pieces of about this many characters, well below V8's large-object size
 * (128 KB): a whole batch's text (~0.5 MB of CSV, ~2 MB of JSON for 1,000 loads) went to the
 * large-object space, outlived a young-generation collection while it was written out and then
 * waited as garbage for a full GC, so the heap grew with the number of loads.
 */
export const EXPORT_PIECE_CHARS = 32 * 1024;

async function* encoded(batches: AsyncIterable<ExportLoad[]>, encoder: RowEncoder, pieceChars: number): AsyncGenerator<string> {
  yield encoder.start;
  let first = true;
  for await (const batch of batches) {
    let piece = '';
    for (const load of batch) {
      piece += encoder.rows(rowsOf(load), first);
      first = false;
      if (piece.length >= pieceChars) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  }
  yield encoder.end;
}

async function* utf8(texts: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  for await (const t of texts) if (t) yield enc.encode(t);
}

/** A pull-based web stream over an async iterator: one chunk is made per read, none ahead. */
export function pullStream(iterator: AsyncIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          // Headers are gone already: the download ends in an error the browser reports. No row data logged.
          logger.error('records export stopped part way', { error: error instanceof Error ? error.message : String(error) });
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The actor's loads matching the filters, as a file of the chosen format. Managers only. Ordered by
 * date received (newest first unless the list is sorted oldest first), whatever column the list is
 * sorted by: the order keyset pagination can stream without sorting everything first.
 */
export async function exportRecords({
  actor,
  input,
  now = new Date(),
  batchSize = EXPORT_BATCH_SIZE,
  pieceChars = EXPORT_PIECE_CHARS,
}: {
  actor: Actor;
  input: { filters: unknown; format: unknown };
  now?: Date;
  batchSize?: number;
  pieceChars?: number;
}): Promise<RecordsExport> {
  assertCan(actor, 'loads.manage');
  const filters = recordFiltersSchema.safeParse(input.filters ?? {});
  const format = exportFormatSchema.safeParse(input.format);
  if (!filters.success || !format.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of [...(filters.error?.issues ?? []), ...(format.error?.issues.map((i) => ({ ...i, path: ['format'] })) ?? [])]) {
      (fieldErrors[issue.path.join('.') || 'filters'] ??= []).push(issue.message);
    }
    throw new ValidationError(fieldErrors);
  }
  return exportParsed(actor, filters.data, format.data, now, { batchSize, pieceChars });
}

async function exportParsed(
  actor: Actor,
  filters: RecordFilters,
  format: ExportFormat,
  now: Date,
  { batchSize, pieceChars }: { batchSize: number; pieceChars: number },
): Promise<RecordsExport> {
  const where = loadWhereSql(actor, filters, now);
  const [counts] = await db().$queryRaw<{ loads: number; rows: number }[]>`
    SELECT count(*)::int AS loads, coalesce(sum(${ROWS_OF_LOAD}), 0)::int AS rows FROM load l WHERE ${where}`;
  const desc = !(filters.sort === 'received' && filters.dir === 'asc');
  const batches = loadBatches(where, desc, batchSize);
  const bytes =
    format === 'xlsx'
      ? xlsxStream(encoded(batches, sheetEncoder(), pieceChars))
      : utf8(encoded(batches, format === 'csv' ? csvEncoder() : jsonEncoder(), pieceChars));
  return {
    stream: pullStream(bytes),
    filename: exportFilename(format, ukCalendarDate(now)),
    contentType: exportContentTypes[format],
    loads: counts?.loads ?? 0,
    rows: counts?.rows ?? 0,
  };
}
