// A small control server for the built-in sandbox, on its own port so it still answers while the
// sandbox plays "down" (refusing connections). Browser tests and benchmarks use it to turn the knobs of
// the sandbox that `npm start` runs in another process. Loopback only; HTTP Basic with the sandbox's
// client id and secret.
//   POST /knobs   body: Partial<SandboxKnobs>   → 204
//   GET  /stats                                 → SandboxStats and the number of stored movements
//   POST /reset   knobs to defaults, stats to zero → 204
//   GET  /movements?ref=X  stored movements (id and yourUniqueReference) and how many PUTs replaced each:
//                          for tests only. Live DWT offers no such look-up (the app never relies on one)
//   DELETE /movements/{id} forget a stored movement (a later PUT to it is a 404) → 204, or 404
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEFAULT_KNOBS, type DwtSandbox, type SandboxKnobs } from './server';

export interface SandboxControl {
  url: string;
  close(): Promise<void>;
}

function authorised(req: IncomingMessage, clientId: string, clientSecret: string): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  return Buffer.from(m[1]!, 'base64').toString('utf8') === `${clientId}:${clientSecret}`;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startSandboxControl(sandbox: DwtSandbox, opts: { port: number }): Promise<SandboxControl> {
  const reply = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (!authorised(req, sandbox.clientId, sandbox.clientSecret)) return reply(res, 401, { error: 'unauthorised' });
      const path = new URL(req.url ?? '/', 'http://control').pathname;
      try {
        if (req.method === 'POST' && path === '/knobs') {
          await sandbox.setKnobs((await readJson(req)) as Partial<SandboxKnobs>);
          return reply(res, 204);
        }
        if (req.method === 'POST' && path === '/reset') {
          await sandbox.setKnobs(DEFAULT_KNOBS);
          sandbox.resetStats();
          return reply(res, 204);
        }
        if (req.method === 'GET' && path === '/movements') {
          const ref = new URL(req.url ?? '/', 'http://control').searchParams.get('ref');
          const found = [...sandbox.movements.values()]
            .map((m) => ({
              wasteTrackingId: m.wasteTrackingId,
              yourUniqueReference: (m.body as { yourUniqueReference?: string }).yourUniqueReference ?? null,
              updates: m.updates,
            }))
            .filter((m) => ref === null || m.yourUniqueReference === ref);
          return reply(res, 200, found);
        }
        const forget = /^\/movements\/([^/]+)$/.exec(path)?.[1];
        if (req.method === 'DELETE' && forget) return reply(res, sandbox.forgetMovement(decodeURIComponent(forget)) ? 204 : 404);
        if (req.method === 'GET' && path === '/stats') return reply(res, 200, { ...sandbox.stats(), movements: sandbox.movements.size });
        return reply(res, 404, { error: 'unknown control path' });
      } catch (error) {
        return reply(res, 400, { error: (error as Error).message });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
