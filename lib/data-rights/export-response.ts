// The download of a person's data (JSON or CSV), behind app/api/data-requests/export: admins only,
// never cached. Separate from the route file so tests can call it with any actor.
import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { findSchema } from './schema';
import { exportPersonalData, exportToCsv } from './service';

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export async function exportResponse(actor: Actor | null, url: URL, now = new Date()): Promise<Response> {
  if (!actor) return Response.json({ error: 'Sign in to continue.' }, { status: 401, headers: NO_STORE });
  if (!can(actor.roles, 'data-requests.manage')) return Response.json({ error: 'You are not allowed to do that.' }, { status: 403, headers: NO_STORE });
  const format = url.searchParams.get('format') ?? 'json';
  const query = findSchema.safeParse({ by: url.searchParams.get('by'), value: url.searchParams.get('value') ?? '' });
  if (!query.success || (format !== 'json' && format !== 'csv')) {
    return Response.json({ error: 'Give a search (by and value) and a format of json or csv.' }, { status: 400, headers: NO_STORE });
  }
  const data = await exportPersonalData({ actor, input: query.data, now });
  const filename = `data-request-${now.toISOString().slice(0, 10)}.${format}`;
  const disposition = `attachment; filename="${filename}"`;
  return format === 'csv'
    ? new Response(exportToCsv(data), { headers: { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition } })
    : new Response(JSON.stringify(data, null, 2), {
        headers: { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': disposition },
      });
}
