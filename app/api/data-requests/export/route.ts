import { getActor } from '@/lib/auth/session';
import { exportResponse } from '@/lib/data-rights/export-response';

export const dynamic = 'force-dynamic';

/** A person's data as a JSON or CSV download (?by=email&value=…&format=csv). Admins only; never cached. */
export async function GET(request: Request) {
  return exportResponse(await getActor(), new URL(request.url));
}
