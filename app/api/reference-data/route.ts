import { getActor } from '@/lib/auth/session';
import { referenceDataAccess } from '@/lib/reference-data/access';
import { ifNoneMatchMatches, referenceDataPayload } from '@/lib/reference-data/etag';
import { getReferenceLookups } from '@/lib/reference-data/service';

export const dynamic = 'force-dynamic';

const refusals = {
  'not-signed-in': { status: 401, error: 'Sign in to continue.' },
  forbidden: { status: 403, error: 'You are not allowed to see reference data.' },
} as const;

/**
 * DWT's five reference lists (the synced copy, else the bundled one) for forms in the browser, so the
 * 288 kB EWC list is fetched once as data instead of sitting in every form's JavaScript.
 */
export async function GET(request: Request) {
  const access = referenceDataAccess(await getActor());
  if (access !== 'allowed') {
    const { status, error } = refusals[access];
    return Response.json({ error }, { status });
  }

  const { body, etag } = referenceDataPayload((await getReferenceLookups()).data);
  // Lists change only when DWT's do (a sync), so an hour in the browser's own cache is safe, and the
  // ETag makes revalidation after that a 304. Public DWT data, but only signed-in users may ask.
  const headers = { ETag: etag, 'Cache-Control': 'private, max-age=3600' };
  if (ifNoneMatchMatches(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}
