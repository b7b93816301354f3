// Turns the knobs of the DWT sandbox the app under test runs (lib/dwt/sandbox/control.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxKnobs } from '@/lib/dwt/sandbox/server';

async function control(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown) {
  const dataDir = process.env.E2E_DATA_DIR;
  const port = Number(process.env.E2E_PORT ?? 3200) + 2;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run the browser tests through npm test');
  const secret = (await readFile(path.join(dataDir, 'sandbox-client-secret'), 'utf8')).trim();
  const res = await fetch(`http://127.0.0.1:${port}${route}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`weighbook-sandbox:${secret}`).toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox control ${route}: HTTP ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}

export const sandbox = {
  setKnobs: (knobs: Partial<SandboxKnobs>) => control('POST', '/knobs', knobs),
  reset: () => control('POST', '/reset'),
  stats: () => control('GET', '/stats') as Promise<{ postAttempts: number; movements: number }>,
  movementsFor: (ticket: string) => control('GET', `/movements?ref=${encodeURIComponent(ticket)}`) as Promise<{ wasteTrackingId: string }[]>,
  /** Stored movements with the number of PUTs that replaced each. */
  movementsWithUpdates: (ticket: string) =>
    control('GET', `/movements?ref=${encodeURIComponent(ticket)}`) as Promise<{ wasteTrackingId: string; updates: number }[]>,
  /** Makes DWT forget a movement, so the next PUT to it is a 404. */
  forgetMovement: (wasteTrackingId: string) => control('DELETE', `/movements/${encodeURIComponent(wasteTrackingId)}`),
};
