import { getActor } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { subscribe, TooManyListenersError, type HubMessage } from '@/lib/weighbridge/hub';
import { getReaderConfig } from '@/lib/weighbridge/service';

export const dynamic = 'force-dynamic';

/** Live readings of one weighbridge as server-sent events (`data: HubMessage`), for the clerks' pages. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'Sign in to continue.' }, { status: 401 });
  let config;
  try {
    config = await getReaderConfig({ actor, id: (await params).id });
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
    if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (m: HubMessage) => {
        try {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(m)}\n\n`));
        } catch {
          unsubscribe?.();
        }
      };
      try {
        unsubscribe = subscribe(config, send);
      } catch (error) {
        if (!(error instanceof TooManyListenersError)) throw error;
        controller.enqueue(encoder.encode(`event: refused\ndata: ${JSON.stringify({ error: error.message })}\n\n`));
        controller.close();
        return;
      }
      keepAlive = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(': keep-alive\n\n'));
        } catch {
          clearInterval(keepAlive);
        }
      }, 30_000);
      request.signal.addEventListener('abort', () => {
        unsubscribe?.();
        clearInterval(keepAlive);
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      unsubscribe?.();
      clearInterval(keepAlive);
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
