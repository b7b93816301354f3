import { getActor } from '@/lib/auth/session';
import { exportResponse, readExportForm } from '@/lib/data-rights/export-response';

export const dynamic = 'force-dynamic';

/** A person's data as a JSON or CSV download (a form POST of by, value and format). Admins only; never cached. */
export async function POST(request: Request) {
  const form = await readExportForm(request);
  if ('error' in form) return Response.json({ error: form.error }, { status: form.status, headers: { 'Cache-Control': 'no-store' } });
  return exportResponse(await getActor(), form.params);
}
