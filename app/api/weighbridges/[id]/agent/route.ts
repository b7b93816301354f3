import { z } from 'zod';
import { logger } from '@/lib/logger';
import { readBodyCapped } from '@/lib/request-body';
import { pushAgentBytes } from '@/lib/weighbridge/hub';
import { readerConfigForAgent } from '@/lib/weighbridge/service';

export const dynamic = 'force-dynamic';

/** Most bytes of request body the agent may send at once. */
const MAX_BODY = 16 * 1024;
const bodySchema = z.object({
  // Base64 chunks of the indicator's output, in the order read.
  chunks: z.array(z.string().max(1400)).min(1).max(32),
});

/**
 * The site agent (`npm run indicator:agent`) pushes what the indicator sent, outbound over HTTPS,
 * with `Authorization: Bearer <the weighbridge's agent token>`. The bytes go through the same framer
 * and parser as a TCP indicator's, so the pages cannot tell the difference.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const token = /^Bearer (\S{1,200})$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const config = token ? await readerConfigForAgent({ id: (await params).id, token }) : null;
  if (!config) return Response.json({ error: 'Unknown weighbridge or wrong agent token.' }, { status: 401 });
  const text = await readBodyCapped(request, MAX_BODY);
  if (text === null) return Response.json({ error: `Send at most ${MAX_BODY} bytes at a time.` }, { status: 413 });
  let parsed;
  try {
    parsed = bodySchema.safeParse(JSON.parse(text));
  } catch {
    return Response.json({ error: 'The body must be JSON: { "chunks": [base64, …] }.' }, { status: 400 });
  }
  if (!parsed.success) return Response.json({ error: 'chunks: 1 to 32 base64 strings of at most 1400 characters each.' }, { status: 400 });
  const chunks = parsed.data.chunks.map((c) => new Uint8Array(Buffer.from(c, 'base64')));
  pushAgentBytes(config, chunks);
  logger.debug('agent readings', { weighbridgeId: config.id, chunks: chunks.length });
  return new Response(null, { status: 204 });
}
