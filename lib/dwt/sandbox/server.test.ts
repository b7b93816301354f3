// The sandbox speaks DWT's protocol: checked here with plain fetch, independently of the client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledReferenceData } from '@/lib/reference-data/catalogue';
import { sampleMovement } from '../test-support';
import { startSandboxControl } from './control';
import { SANDBOX_API_CODES } from './defaults';
import { DEFAULT_KNOBS, startDwtSandbox, type DwtSandbox } from './server';

let sandbox: DwtSandbox;

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0, clientId: 'vendor', clientSecret: 'p@ss:word', apiCodes: ['2c0f9b4e-8a7d-4c1e-9f3a-5b6d7e8f9a0b'] });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await sandbox.setKnobs(DEFAULT_KNOBS);
  sandbox.resetStats();
});

function basic(id: string, secret: string) {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

async function token(id = 'vendor', secret = 'p@ss:word', grant = 'client_credentials') {
  return fetch(`${sandbox.authUrl}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: basic(id, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=${grant}`,
  });
}

async function bearer(): Promise<string> {
  const body = (await (await token()).json()) as { access_token: string };
  return `Bearer ${body.access_token}`;
}

async function post(body: unknown, authorization?: string) {
  return fetch(`${sandbox.baseUrl}/movements/receive`, {
    method: 'POST',
    headers: { authorization: authorization ?? (await bearer()), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('token endpoint', () => {
  it('issues a bearer token with expires_in for the right client credentials', async () => {
    const response = await token();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
  });

  it('refuses wrong credentials with 401 and another grant with 400', async () => {
    expect((await token('vendor', 'nope')).status).toBe(401);
    expect((await token('someone', 'p@ss:word')).status).toBe(401);
    expect((await token('vendor', 'p@ss:word', 'password')).status).toBe(400);
    expect(sandbox.stats().tokenRequests).toBe(3);
  });
});

describe('API', () => {
  it('answers 401 without a token, with an unknown one, and with an expired one', async () => {
    expect((await fetch(`${sandbox.baseUrl}/reference-data/pop-names`)).status).toBe(401);
    expect((await post(sampleMovement(), 'Bearer made-up')).status).toBe(401);

    await sandbox.setKnobs({ tokenTtlSeconds: 0.05 });
    const shortLived = await bearer();
    await new Promise((resolve) => setTimeout(resolve, 80));
    const response = await fetch(`${sandbox.baseUrl}/reference-data/pop-names`, { headers: { authorization: shortLived } });
    expect(response.status).toBe(401);
  });

  it('serves the five reference lists as bundled', async () => {
    const authorization = await bearer();
    const lists = {
      'ewc-codes': bundledReferenceData.ewcCodes,
      'hazardous-property-codes': bundledReferenceData.hazardousPropertyCodes,
      'disposal-or-recovery-codes': bundledReferenceData.disposalOrRecoveryCodes,
      'container-types': bundledReferenceData.containerTypes,
      'pop-names': bundledReferenceData.popNames,
    };
    for (const [name, data] of Object.entries(lists)) {
      const response = await fetch(`${sandbox.baseUrl}/reference-data/${name}`, { headers: { authorization } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(data);
    }
    expect((await fetch(`${sandbox.baseUrl}/reference-data/constructor`, { headers: { authorization } })).status).toBe(404);
  });

  it('stores a valid POST and answers 201 with a DWT-format id; ids are unique', async () => {
    const authorization = await bearer();
    const ids = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      const response = await post(sampleMovement({ yourUniqueReference: `R${i}` }), authorization);
      expect(response.status).toBe(201);
      const { wasteTrackingId } = (await response.json()) as { wasteTrackingId: string };
      expect(wasteTrackingId).toMatch(new RegExp(`^${new Date().getUTCFullYear() % 100}[A-Z0-9]{6}$`));
      ids.add(wasteTrackingId);
    }
    expect(ids.size).toBe(40);
    expect(Object.values(sandbox.stats().acceptedPosts)).toEqual(Array(40).fill(1));
  });

  it('answers 400 in the spec shape, keyed by field', async () => {
    const response = await post({ ...sampleMovement(), wasteItems: [] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      validation: { errors: [expect.objectContaining({ key: 'wasteItems', errorType: 'OutOfRange' })] },
    });
  });

  it('answers 400 keyed apiCode for an apiCode it does not accept, and accepts extra ones given', async () => {
    const unknown = await post(sampleMovement({ apiCode: '11111111-2222-4333-8444-555555555555' }));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ validation: { errors: [{ key: 'apiCode', errorType: 'InvalidValue' }] } });
    expect((await post(sampleMovement({ apiCode: '2c0f9b4e-8a7d-4c1e-9f3a-5b6d7e8f9a0b' }))).status).toBe(201);
    expect((await post(sampleMovement({ apiCode: SANDBOX_API_CODES[9]! }))).status).toBe(201);
  });

  it('answers PUT with 200 for a known id and 404, storing nothing, for an unknown one', async () => {
    const authorization = await bearer();
    const { wasteTrackingId } = (await (await post(sampleMovement(), authorization)).json()) as { wasteTrackingId: string };
    const put = (id: string) =>
      fetch(`${sandbox.baseUrl}/movements/${id}/receive`, {
        method: 'PUT',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(sampleMovement()),
      });
    const updated = await put(wasteTrackingId);
    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({});
    expect((await put('26NOSUCH')).status).toBe(404);
    expect(sandbox.movements.has('26NOSUCH')).toBe(false);
  });

  it('forgets a movement when told (through the control port too): a later PUT to it is a 404 in DWT’s shape', async () => {
    const authorization = await bearer();
    const { wasteTrackingId } = (await (await post(sampleMovement(), authorization)).json()) as { wasteTrackingId: string };
    const control = await startSandboxControl(sandbox, { port: 0 });
    try {
      const forget = (id: string) =>
        fetch(`${control.url}/movements/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Basic ${Buffer.from('vendor:p@ss:word').toString('base64')}` },
        });
      expect((await forget(wasteTrackingId)).status).toBe(204);
      expect((await forget(wasteTrackingId)).status).toBe(404);
    } finally {
      await control.close();
    }
    const put = await fetch(`${sandbox.baseUrl}/movements/${wasteTrackingId}/receive`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(sampleMovement()),
    });
    expect(put.status).toBe(404);
    expect(await put.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('never sends CORS headers, preflight included', async () => {
    const origin = { origin: 'https://evil.example' };
    const answers = [
      await fetch(`${sandbox.baseUrl}/movements/receive`, {
        method: 'OPTIONS',
        headers: { ...origin, 'access-control-request-method': 'POST' },
      }),
      await fetch(`${sandbox.baseUrl}/reference-data/pop-names`, { headers: { ...origin, authorization: await bearer() } }),
      await post(sampleMovement()),
      await token(),
    ];
    for (const answer of answers) {
      expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });
});

describe('knobs', () => {
  it('rate429 answers 429 with the Retry-After asked for', async () => {
    const authorization = await bearer();
    await sandbox.setKnobs({ rate429: 1, retryAfterSeconds: 7 });
    const response = await fetch(`${sandbox.baseUrl}/reference-data/pop-names`, { headers: { authorization } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('rate5xx answers 500, 502 or 503 and stores nothing', async () => {
    const authorization = await bearer();
    await sandbox.setKnobs({ rate5xx: 1 });
    const before = sandbox.movements.size;
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i += 1) statuses.add((await post(sampleMovement(), authorization)).status);
    expect([...statuses].every((s) => [500, 502, 503].includes(s))).toBe(true);
    expect(sandbox.movements.size).toBe(before);
    expect(sandbox.stats().postAttempts).toBe(20);
  });

  it('maxRequestsPerSecond answers 429 above the cap', async () => {
    const authorization = await bearer();
    await sandbox.setKnobs({ maxRequestsPerSecond: 5 });
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${sandbox.baseUrl}/reference-data/container-types`, { headers: { authorization } })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(7 - 5); // a second boundary may split the burst
    expect(limited.every((r) => r.headers.get('retry-after') === '1')).toBe(true);
  });

  it('latencyMs delays answers', async () => {
    const authorization = await bearer();
    await sandbox.setKnobs({ latencyMs: { min: 60, max: 80 } });
    const started = performance.now();
    await fetch(`${sandbox.baseUrl}/reference-data/container-types`, { headers: { authorization } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('dropAfterReadingPost stores the movement, then drops the connection unanswered', async () => {
    const authorization = await bearer();
    await sandbox.setKnobs({ dropAfterReadingPost: true });
    const before = sandbox.movements.size;
    await expect(post(sampleMovement({ yourUniqueReference: 'DROPPED' }), authorization)).rejects.toThrow();
    expect(sandbox.movements.size).toBe(before + 1);
    expect(sandbox.stats()).toMatchObject({
      postAttempts: 1,
      acceptedPosts: { DROPPED: 1 },
      requests: { 'POST /movements/receive': { dropped: 1 } },
    });
  });

  it("down 'refuse' refuses connections on the same port until lifted; down '503' answers 503", async () => {
    await sandbox.setKnobs({ down: 'refuse' });
    await expect(token()).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await sandbox.setKnobs({ down: false });
    expect((await token()).status).toBe(200);

    await sandbox.setKnobs({ down: '503' });
    expect((await token()).status).toBe(503);
  });
});

describe('live DWT’s newer answers (issue 14)', () => {
  const put = (id: string, body: unknown, authorization: string) =>
    fetch(`${sandbox.baseUrl}/movements/${id}/receive`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('an unpaid organisation is answered 402 with DWT’s Boom body on POST and PUT, and nothing is stored', async () => {
    const authorization = await bearer();
    const { wasteTrackingId } = (await (await post(sampleMovement(), authorization)).json()) as { wasteTrackingId: string };
    const before = sandbox.movements.size;
    await sandbox.setKnobs({ unpaidApiCodes: [SANDBOX_API_CODES[0]!.toUpperCase()] });
    const refused = await post(sampleMovement(), authorization);
    expect(refused.status).toBe(402);
    expect(await refused.json()).toEqual({ statusCode: 402, error: 'Payment Required', message: expect.stringContaining('service charge') });
    expect((await put(wasteTrackingId, sampleMovement(), authorization)).status).toBe(402);
    expect(sandbox.movements.size).toBe(before);
    expect(sandbox.movements.get(wasteTrackingId)!.updates).toBe(0);
    // Another organisation's code is not affected.
    expect((await post(sampleMovement({ apiCode: SANDBOX_API_CODES[1]! }), authorization)).status).toBe(201);
  });

  it('a revoked apiCode is answered as DWT answers an unknown one', async () => {
    await sandbox.setKnobs({ revokedApiCodes: [SANDBOX_API_CODES[2]!] });
    const refused = await post(sampleMovement({ apiCode: SANDBOX_API_CODES[2]! }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      validation: { errors: [{ key: 'apiCode', errorType: 'InvalidValue', message: 'the API Code supplied is invalid' }] },
    });
    await sandbox.setKnobs({ revokedApiCodes: [] });
    expect((await post(sampleMovement({ apiCode: SANDBOX_API_CODES[2]! }))).status).toBe(201);
  });

  it('sends the service charge’s expiry date on successful POSTs and PUTs when set', async () => {
    const authorization = await bearer();
    const plain = await post(sampleMovement(), authorization);
    expect(plain.headers.get('service-charge-expiry-date')).toBeNull();
    await sandbox.setKnobs({ serviceChargeExpiry: '2027-03-31' });
    const created = await post(sampleMovement(), authorization);
    expect(created.headers.get('service-charge-expiry-date')).toBe('2027-03-31');
    const { wasteTrackingId } = (await created.json()) as { wasteTrackingId: string };
    expect((await put(wasteTrackingId, sampleMovement(), authorization)).headers.get('service-charge-expiry-date')).toBe('2027-03-31');
  });

  it('refuses a PUT with another organisation’s apiCode than the POST’s (submittingOrganisation), and stores nothing', async () => {
    const authorization = await bearer();
    const { wasteTrackingId } = (await (await post(sampleMovement({ apiCode: SANDBOX_API_CODES[3]! }), authorization)).json()) as {
      wasteTrackingId: string;
    };
    const refused = await put(wasteTrackingId, sampleMovement({ apiCode: SANDBOX_API_CODES[4]! }), authorization);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ validation: { errors: [{ key: 'submittingOrganisation', errorType: 'BusinessRuleViolation' }] } });
    expect(sandbox.movements.get(wasteTrackingId)!.updates).toBe(0);
    expect((await put(wasteTrackingId, sampleMovement({ apiCode: SANDBOX_API_CODES[3]!.toUpperCase() }), authorization)).status).toBe(200);
  });
});
