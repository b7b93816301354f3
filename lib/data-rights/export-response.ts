// The download of a person's data (JSON or CSV), behind app/api/data-requests/export: admins only,
// never cached. Separate from the route file so tests can call it with any actor.
//
// The search (a name, an email address, a phone number) arrives in a POST body, never in the URL,
// so it does not land in access logs, browser history or a proxy's cache.
import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { readBodyCapped } from '@/lib/request-body';
import { findSchema } from './schema';
import { exportPersonalData, exportToCsv } from './service';

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

/** The largest form body the export accepts: three short fields. */
export const EXPORT_BODY_MAX_BYTES = 4_096;

export async function exportResponse(actor: Actor | null, params: URLSearchParams, now = new Date()): Promise<Response> {
  if (!actor) return Response.json({ error: 'Sign in to continue.' }, { status: 401, headers: NO_STORE });
  if (!can(actor.roles, 'data-requests.manage')) return Response.json({ error: 'You are not allowed to do that.' }, { status: 403, headers: NO_STORE });
  const format = params.get('format') ?? 'json';
  const query = findSchema.safeParse({ by: params.get('by'), value: params.get('value') ?? '' });
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

/**
 * The form body of an export request, read with a bound (EXPORT_BODY_MAX_BYTES), form-encoded, and
 * from this site: a cross-site form cannot ask for a download (the session cookie is SameSite=Lax too).
 */
export async function readExportForm(request: Request): Promise<{ params: URLSearchParams } | { status: number; error: string }> {
  const origin = request.headers.get('origin');
  if (origin && origin !== new URL(request.url).origin) return { status: 403, error: 'Ask from Weighbook itself.' };
  if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return { status: 415, error: 'Send the search as a form.' };
  const body = await readBodyCapped(request, EXPORT_BODY_MAX_BYTES);
  if (body === null) return { status: 413, error: 'That request is too large.' };
  return { params: new URLSearchParams(body) };
}
