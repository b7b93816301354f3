// What a backup is checked against: every table's row count and a checksum of the loads table (every
// column of every load, in id order). Taken on the live database when a backup ends, and again on the
// restored copy; the two must be identical.
import type pg from 'pg';

export interface Fingerprint {
  rowCounts: Record<string, number>;
  loadsChecksum: string;
}

export async function takeFingerprint(client: pg.Client): Promise<Fingerprint> {
  // Timestamps are written out in text: the same zone on both sides.
  await client.query(`SET TimeZone = 'UTC'`);
  const tables = await client.query<{ t: string; q: string }>(
    `SELECT tablename AS t, quote_ident(tablename) AS q FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const rowCounts: Record<string, number> = {};
  for (const { t, q } of tables.rows) {
    rowCounts[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${q}`)).rows[0]!.n);
  }
  const hasLoads = tables.rows.some((r) => r.t === 'load');
  const loadsChecksum = hasLoads
    ? (await client.query<{ h: string }>(`SELECT coalesce(md5(string_agg(md5(l::text), '' ORDER BY l.id)), 'empty') AS h FROM public."load" l`)).rows[0]!.h
    : 'no loads table';
  return { rowCounts, loadsChecksum };
}

/** The differences, in plain words (empty when identical). */
export function compareFingerprints(expected: Fingerprint, actual: Fingerprint): string[] {
  const out: string[] = [];
  for (const t of new Set([...Object.keys(expected.rowCounts), ...Object.keys(actual.rowCounts)])) {
    const a = expected.rowCounts[t];
    const b = actual.rowCounts[t];
    if (a !== b) out.push(`${t}: ${a ?? 'missing'} rows when backed up, ${b ?? 'missing'} restored`);
  }
  if (expected.loadsChecksum !== actual.loadsChecksum) out.push('the loads checksum differs');
  return out;
}
