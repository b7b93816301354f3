// DWT settings saved in the database: the secret stored only as ciphertext, the saved set overriding
// the environment's, audited without the secret, and "Test connection" against the sandbox over HTTP.
// A database of this file's own: saved settings would redirect other files' deliveries.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { dwtClientFor } from '@/lib/dwt-settings/client';
import { DwtConfigError } from '@/lib/dwt/config';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { resetEnvCache } from '@/lib/env';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { useOwnDatabase } from '@/test/delivery-harness';
import { DWT_SERVERS } from './schema';
import {
  CONFIG_CACHE_MS,
  dwtConfigInUse,
  getDwtSettings,
  invalidateDwtConfig,
  removeDwtSettings,
  saveDwtSettings,
  secretsKeyStartProblem,
  testDwtSettings,
} from './service';

const SECRET = `It-Is-A-Secret-${randomUUID()}`;
const KEY = randomBytes(32).toString('base64');
let own: Awaited<ReturnType<typeof useOwnDatabase>>;
let envSandbox: DwtSandbox;
let savedSandbox: DwtSandbox;
const admin: Actor = { id: randomUUID(), email: 'admin@it.weighbook.test', name: 'Ada Admin', roles: ['ADMIN'], siteIds: [] };
const actorWith = (roles: Actor['roles']): Actor => ({ ...admin, id: randomUUID(), roles });
const savedInput = () => ({
  environment: 'sandbox' as const,
  apiBaseUrl: savedSandbox.baseUrl,
  authUrl: savedSandbox.authUrl,
  clientId: savedSandbox.clientId,
  clientSecret: SECRET,
});

function setEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  invalidateDwtConfig();
}

/** Every form the secret could be smuggled in. */
function expectNoSecretIn(text: string) {
  for (const form of [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('base64url'), Buffer.from(SECRET).toString('hex')]) {
    expect(text).not.toContain(form);
  }
}

beforeAll(async () => {
  own = await useOwnDatabase('dwt_settings');
  envSandbox = await startDwtSandbox({ port: 0 });
  savedSandbox = await startDwtSandbox({ port: 0, clientId: 'saved-client', clientSecret: SECRET });
  setEnv({
    WEIGHBOOK_SECRETS_KEY: KEY,
    DWT_ENVIRONMENT: 'sandbox',
    DWT_API_BASE_URL: envSandbox.baseUrl,
    DWT_AUTH_URL: envSandbox.authUrl,
    DWT_CLIENT_ID: envSandbox.clientId,
    DWT_CLIENT_SECRET: envSandbox.clientSecret,
  });
});

afterAll(async () => {
  setEnv({
    WEIGHBOOK_SECRETS_KEY: undefined,
    WEIGHBOOK_SECRETS_KEY_PREVIOUS: undefined,
    DWT_ENVIRONMENT: undefined,
    DWT_API_BASE_URL: undefined,
    DWT_AUTH_URL: undefined,
    DWT_CLIENT_ID: undefined,
    DWT_CLIENT_SECRET: undefined,
  });
  await Promise.all([envSandbox?.close(), savedSandbox?.close()]);
  await own?.drop();
});

describe('DWT settings', () => {
  it('refuses clerks and managers on the server', async () => {
    for (const roles of [['CLERK'], ['MANAGER']] as Actor['roles'][]) {
      const actor = actorWith(roles);
      await expect(getDwtSettings({ actor })).rejects.toThrow(ForbiddenError);
      await expect(saveDwtSettings({ actor, input: savedInput() })).rejects.toThrow(ForbiddenError);
      await expect(removeDwtSettings({ actor })).rejects.toThrow(ForbiddenError);
      await expect(testDwtSettings({ actor, input: savedInput() })).rejects.toThrow(ForbiddenError);
    }
    expect(await db().dwtSettings.count()).toBe(0);
  });

  it('uses the environment until settings are saved, then the saved ones, with a new client', async () => {
    const before = await dwtConfigInUse();
    expect(before.apiBaseUrl).toBe(envSandbox.baseUrl);
    expect((await getDwtSettings({ actor: admin })).source).toBe('environment');

    const view = await saveDwtSettings({ actor: admin, input: savedInput() });
    expect(view.source).toBe('saved');
    expect(view.saved).toMatchObject({ apiBaseUrl: savedSandbox.baseUrl, clientId: 'saved-client' });
    expectNoSecretIn(JSON.stringify(view));

    const after = await dwtConfigInUse();
    expect(after).toMatchObject({ environment: 'sandbox', apiBaseUrl: savedSandbox.baseUrl, clientId: 'saved-client', clientSecret: SECRET });
    expect(dwtClientFor(after)).not.toBe(dwtClientFor(before));
    const list = await dwtClientFor(after).getEwcCodes();
    expect(list.kind).toBe('ok');
    expect(savedSandbox.stats().tokenRequests).toBeGreaterThan(0);
  });

  it('stores the secret only as ciphertext, and audits that it changed without its value', async () => {
    const rows = await db().$queryRaw<{ client_secret_ciphertext: string }[]>`SELECT client_secret_ciphertext FROM dwt_settings`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.client_secret_ciphertext).toMatch(/^v1:/);
    expectNoSecretIn(rows[0]!.client_secret_ciphertext);
    const whole = await db().$queryRaw<{ row: string }[]>`SELECT row_to_json(d)::text AS row FROM dwt_settings d`;
    expectNoSecretIn(whole[0]!.row);

    const audit = await db().$queryRaw<
      { action: string; changes: string }[]
    >`SELECT action, changes::text AS changes FROM audit_entry WHERE entity_type = 'dwt_settings' ORDER BY id`;
    expect(audit.map((a) => a.action)).toEqual(['dwt-settings.create']);
    expectNoSecretIn(audit.map((a) => a.changes).join('\n'));
    expect(JSON.parse(audit[0]!.changes)).toMatchObject({ clientSecret: 'set', clientId: { from: null, to: 'saved-client' } });
  });

  it('keeps the saved secret when the field is blank, but not towards another auth URL', async () => {
    const before = (await db().dwtSettings.findUniqueOrThrow({ where: { id: 1 } })).clientSecretCiphertext;
    await saveDwtSettings({ actor: admin, input: { ...savedInput(), clientSecret: '' } });
    expect((await db().dwtSettings.findUniqueOrThrow({ where: { id: 1 } })).clientSecretCiphertext).toBe(before);
    expect((await dwtConfigInUse()).clientSecret).toBe(SECRET);

    const moved = saveDwtSettings({ actor: admin, input: { ...savedInput(), authUrl: 'http://127.0.0.1:9', clientSecret: '' } });
    await expect(moved).rejects.toThrow(ValidationError);
    await expect(moved).rejects.toMatchObject({ fieldErrors: { clientSecret: [expect.stringMatching(/Enter the client secret again/)] } });
    const tested = testDwtSettings({ actor: admin, input: { ...savedInput(), authUrl: 'http://127.0.0.1:9', clientSecret: '' } });
    await expect(tested).rejects.toMatchObject({ fieldErrors: { clientSecret: [expect.stringMatching(/Enter the client secret again/)] } });
  });

  it('refuses what the environment settings refuse, field by field', async () => {
    const bad = async (input: object, field: string, message: RegExp) => {
      const p = saveDwtSettings({ actor: admin, input: { ...savedInput(), ...input } });
      await expect(p).rejects.toMatchObject({ fieldErrors: { [field]: [expect.stringMatching(message)] } });
    };
    await bad({ environment: 'sandbox', apiBaseUrl: DWT_SERVERS.production }, 'environment', /DWT's production server/);
    await bad({ environment: 'test', apiBaseUrl: 'http://dwt.example.org', authUrl: 'https://auth.example.org' }, 'apiBaseUrl', /https/);
    await bad({ clientId: '  ' }, 'clientId', /Enter the client id/);
    await bad({ authUrl: '' }, 'authUrl', /Enter the auth URL/);
  });

  it('picks up a change saved by another process within the cache time', async () => {
    const first = await dwtConfigInUse();
    await db().dwtSettings.update({ where: { id: 1 }, data: { clientId: 'changed-elsewhere' } });
    expect((await dwtConfigInUse()).clientId).toBe(first.clientId);
    const now = Date.now();
    const spy = vi.spyOn(Date, 'now').mockReturnValue(now + CONFIG_CACHE_MS + 1);
    try {
      expect((await dwtConfigInUse()).clientId).toBe('changed-elsewhere');
    } finally {
      spy.mockRestore();
      await db().dwtSettings.update({ where: { id: 1 }, data: { clientId: 'saved-client' } });
      invalidateDwtConfig();
    }
  });

  it('says plainly when the key does not open the saved secret, and never guesses', async () => {
    setEnv({ WEIGHBOOK_SECRETS_KEY: randomBytes(32).toString('hex') });
    await expect(dwtConfigInUse()).rejects.toThrow(DwtConfigError);
    await expect(dwtConfigInUse()).rejects.toThrow(/another key .* WEIGHBOOK_SECRETS_KEY/);
    expect((await getDwtSettings({ actor: admin })).problem).toMatch(/cannot be used/);
    // While rotating, the old key opens it, and saving seals it again with the new one.
    setEnv({ WEIGHBOOK_SECRETS_KEY_PREVIOUS: KEY });
    expect((await dwtConfigInUse()).clientSecret).toBe(SECRET);
    const before = (await db().dwtSettings.findUniqueOrThrow({ where: { id: 1 } })).clientSecretCiphertext;
    await saveDwtSettings({ actor: admin, input: { ...savedInput(), clientSecret: '' } });
    const after = (await db().dwtSettings.findUniqueOrThrow({ where: { id: 1 } })).clientSecretCiphertext;
    expect(after.split(':')[1]).not.toBe(before.split(':')[1]);
    setEnv({ WEIGHBOOK_SECRETS_KEY_PREVIOUS: undefined });
    expect((await dwtConfigInUse()).clientSecret).toBe(SECRET);
    // Moving the ciphertext to another row or field is caught by the AAD (tested in secret-box.test.ts).
    setEnv({ WEIGHBOOK_SECRETS_KEY: KEY });
    await saveDwtSettings({ actor: admin, input: savedInput() });
  });

  it('refuses production settings, and the start, without WEIGHBOOK_SECRETS_KEY', async () => {
    expect(await secretsKeyStartProblem()).toBeUndefined();
    await db().dwtSettings.update({ where: { id: 1 }, data: { environment: 'production' } });
    try {
      expect(await secretsKeyStartProblem()).toBeUndefined(); // the key is set
      setEnv({ WEIGHBOOK_SECRETS_KEY: undefined, WEIGHBOOK_DATA_DIR: `/tmp/no-key-${randomUUID()}` });
      expect(await secretsKeyStartProblem()).toMatch(/Production DWT settings are saved .* WEIGHBOOK_SECRETS_KEY is not set/);
      await db().dwtSettings.update({ where: { id: 1 }, data: { environment: 'sandbox' } });
      expect(await secretsKeyStartProblem()).toMatch(/no secrets key is available here: set WEIGHBOOK_SECRETS_KEY/);
      await expect(saveDwtSettings({ actor: admin, input: savedInput() })).rejects.toMatchObject({
        fieldErrors: { clientSecret: [expect.stringMatching(/set WEIGHBOOK_SECRETS_KEY/)] },
      });
    } finally {
      await db().dwtSettings.update({ where: { id: 1 }, data: { environment: 'sandbox' } });
      setEnv({ WEIGHBOOK_SECRETS_KEY: KEY, WEIGHBOOK_DATA_DIR: undefined });
    }
  });

  it('tests a connection against the sandbox over HTTP: good and bad secrets, nothing listening', async () => {
    const good = await testDwtSettings({ actor: admin, input: { ...savedInput(), clientSecret: '' } });
    expect(good.ok).toBe(true);
    expect(good.steps.map((s) => s.message)).toEqual([
      expect.stringMatching(/^Reached the token endpoint/),
      expect.stringMatching(/accepted the client id and secret/),
      expect.stringMatching(/^Fetched \d+ EWC codes/),
    ]);

    const wrong = await testDwtSettings({ actor: admin, input: { ...savedInput(), clientSecret: 'not-the-secret' } });
    expect(wrong.ok).toBe(false);
    expect(wrong.steps.at(-1)!.message).toBe('DWT refused the client id or secret (HTTP 401).');
    expect(JSON.stringify(wrong)).not.toContain('not-the-secret');

    const closed = await startDwtSandbox({ port: 0 });
    const url = closed.baseUrl;
    await closed.close();
    const refused = await testDwtSettings({ actor: admin, input: { ...savedInput(), apiBaseUrl: url, authUrl: url, clientSecret: 'x' } });
    expect(refused.steps).toEqual([{ ok: false, message: expect.stringMatching(/^Could not reach the auth URL: connection refused/) }]);

    // A kept secret goes only to the API URL it was saved for: elsewhere it must be typed again.
    await expect(testDwtSettings({ actor: admin, input: { ...savedInput(), apiBaseUrl: envSandbox.baseUrl, clientSecret: '' } })).rejects.toMatchObject({
      fieldErrors: { clientSecret: [expect.stringMatching(/the API URL, auth URL or client id differs/)] },
    });
    const wrongApi = await testDwtSettings({ actor: admin, input: { ...savedInput(), apiBaseUrl: envSandbox.baseUrl, clientSecret: SECRET } });
    expect(wrongApi.ok).toBe(false);
    expect(wrongApi.steps.at(-1)!.message).toMatch(/refused the access token \(HTTP 401\)/);
    for (const r of [good, wrong, refused, wrongApi]) expectNoSecretIn(JSON.stringify(r));
  });

  it('removing the saved settings falls back to the environment, audited', async () => {
    const view = await removeDwtSettings({ actor: admin });
    expect(view.source).toBe('environment');
    expect(view.saved).toBeUndefined();
    expect((await dwtConfigInUse()).apiBaseUrl).toBe(envSandbox.baseUrl);
    const audit = await db().$queryRaw<
      { action: string; changes: string }[]
    >`SELECT action, changes::text AS changes FROM audit_entry WHERE entity_type = 'dwt_settings' ORDER BY id`;
    expect(audit.map((a) => a.action)).toEqual([
      'dwt-settings.create',
      'dwt-settings.update',
      'dwt-settings.update',
      'dwt-settings.update',
      'dwt-settings.remove',
    ]);
    expectNoSecretIn(audit.map((a) => a.changes).join('\n'));
  });
});
