import { getActor } from '@/lib/auth/session';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { exportRecords } from '@/lib/records/export';
import { EXPORT_LOADS_HEADER, EXPORT_ROWS_HEADER } from '@/lib/records/export-schema';
import { filtersFromSearchParams } from '@/lib/records/schema';

export const dynamic = 'force-dynamic';

/**
 * The filtered list of loads as a file: `?format=csv|xlsx|json` plus the list's own filter parameters.
 * Streamed as it is read from the database; the totals go ahead in headers for the progress bar.
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'Sign in to continue.' }, { status: 401 });
  const { format, ...filters } = filtersFromSearchParams(new URL(request.url).searchParams);
  try {
    const file = await exportRecords({ actor, input: { filters, format } });
    return new Response(file.stream, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
        [EXPORT_ROWS_HEADER]: String(file.rows),
        [EXPORT_LOADS_HEADER]: String(file.loads),
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ error: 'Only site managers can export records.' }, { status: 403 });
    if (error instanceof ValidationError) {
      const [field, messages] = Object.entries(error.fieldErrors)[0] ?? ['filters', ['Check the filters.']];
      return Response.json({ error: `${field}: ${messages[0]}`, fieldErrors: error.fieldErrors }, { status: 400 });
    }
    logger.error('records export failed to start', { error });
    return Response.json({ error: 'The export could not be started. Try again in a moment.' }, { status: 503 });
  }
}
