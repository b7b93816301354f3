import { getActor } from '@/lib/auth/session';
import { can } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { getLoadPhoto } from '@/lib/weighbridge/camera';

export const dynamic = 'force-dynamic';

/** A camera snapshot of a load, for someone who may see the load; never cached (it may show a plate). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; photoId: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'Sign in to continue.' }, { status: 401 });
  if (!can(actor.roles, 'loads.view')) return Response.json({ error: 'You are not allowed to do that.' }, { status: 403 });
  const { id, photoId } = await params;
  try {
    const photo = await getLoadPhoto({ actor, input: { loadId: id, photoId } });
    return new Response(Buffer.from(photo.bytes), {
      headers: {
        'Content-Type': photo.contentType,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': 'inline',
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
}
