import { checkDatabase } from '@/lib/health/service';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for the launcher, load balancers and tests. */
export async function GET() {
  const database = await checkDatabase();
  return Response.json({ ok: database, database }, { status: database ? 200 : 503 });
}
