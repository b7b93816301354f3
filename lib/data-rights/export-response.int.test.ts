// The export download: 401 signed out, 403 for clerks and managers, JSON and CSV for admins, no-store.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { EXPORT_BODY_MAX_BYTES, exportResponse, readExportForm } from './export-response';

const actor = (roles: Actor['roles']): Actor => ({ id: randomUUID(), email: 'x@it.test', name: 'X', roles, siteIds: [] });
const url = (q: string) => new URLSearchParams(q);

describe('POST /api/data-requests/export', () => {
  it('asks a signed-out visitor to sign in, and refuses clerks and managers', async () => {
    expect((await exportResponse(null, url('by=name&value=Anyone'))).status).toBe(401);
    for (const role of ['CLERK', 'MANAGER'] as const) {
      const res = await exportResponse(actor([role]), url('by=name&value=Anyone'));
      expect(res.status).toBe(403);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('gives an admin JSON and CSV downloads, never cached, and refuses a bad search', async () => {
    const admin = actor(['ADMIN']);
    const json = await exportResponse(admin, url(`by=name&value=Nobody+${randomUUID()}`));
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="data-request-.*\.json"$/);
    expect(await json.json()).toMatchObject({ entries: [], loads: [], users: [] });
    const csv = await exportResponse(admin, url(`by=name&value=Nobody+${randomUUID()}&format=csv`));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^source,id,site,role,name,/);
    expect((await exportResponse(admin, url('by=name&value=a'))).status).toBe(400);
    expect((await exportResponse(admin, url('by=name&value=Somebody&format=xml'))).status).toBe(400);
  });
});

describe('the export form body', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    new Request('http://localhost/api/data-requests/export', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('reads a small form from this site, and refuses other sites, other types and large bodies', async () => {
    const ok = await readExportForm(post('by=email&value=a%40b.test&format=csv'));
    expect('params' in ok && Object.fromEntries(ok.params)).toEqual({ by: 'email', value: 'a@b.test', format: 'csv' });
    expect(await readExportForm(post('by=name&value=x', { origin: 'https://evil.example' }))).toMatchObject({ status: 403 });
    expect(await readExportForm(post('{}', { 'content-type': 'application/json' }))).toMatchObject({ status: 415 });
    expect(await readExportForm(post(`by=name&value=${'x'.repeat(EXPORT_BODY_MAX_BYTES)}`))).toMatchObject({ status: 413 });
  });
});
