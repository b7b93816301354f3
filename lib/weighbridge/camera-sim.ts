// A weighbridge camera simulator: the plain HTTP snapshot endpoint IP cameras offer (GET → one JPEG), on
// a real TCP port, so the app's camera code runs exactly as against a real camera. Knobs for the tests:
// slow (answers after a delay), down (refuses with 503), and what it sends (a picture, or something else).
// Used by `npm start`'s demo weighbridge and by the tests.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The simulated picture: a lorry on a weighbridge, drawn once and kept beside this file. */
export const SIMULATED_PICTURE: Uint8Array = readFileSync(path.join(import.meta.dirname, 'camera-sim.jpg'));

export interface CameraSimKnobs {
  delayMs?: number;
  down?: boolean;
  body?: Uint8Array;
  contentType?: string;
  redirectTo?: string;
}

export interface CameraSimHandle {
  port: number;
  url: string;
  requests: number;
  setKnobs(knobs: CameraSimKnobs): void;
  close(): Promise<void>;
}

export async function startCameraSimulator({ port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {}): Promise<CameraSimHandle> {
  let knobs: CameraSimKnobs = {};
  const handle = { requests: 0 } as CameraSimHandle;
  const server = http.createServer((req, res) => {
    handle.requests++;
    const answer = () => {
      if (req.method !== 'GET' || !req.url?.startsWith('/snapshot.jpg')) {
        res.writeHead(404).end();
        return;
      }
      if (knobs.down) {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Camera offline');
        return;
      }
      if (knobs.redirectTo) {
        res.writeHead(302, { Location: knobs.redirectTo }).end();
        return;
      }
      const body = knobs.body ?? SIMULATED_PICTURE;
      res.writeHead(200, { 'Content-Type': knobs.contentType ?? 'image/jpeg', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (knobs.delayMs) setTimeout(answer, knobs.delayMs);
    else answer();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  handle.port = actual;
  handle.url = `http://${host}:${actual}/snapshot.jpg`;
  handle.setKnobs = (k) => {
    knobs = { ...k };
  };
  handle.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return handle;
}
