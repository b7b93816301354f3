// The production client against the built-in sandbox over real HTTP, and against tiny stub servers for
// answers the sandbox never gives. Waits between retries go through an injected sleep, so back-off is
// asserted without being waited for.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledLookups } from '@/lib/reference-data/catalogue';
import { freePort } from '@/test/free-port';
import { createDwtClient, type DwtClientOptions } from './client';
import type { DwtConfig } from './config';
import { PLACEHOLDERS, protectPersonalData } from './personal-data';
import { DEFAULT_KNOBS, startDwtSandbox, type DwtSandbox } from './sandbox/server';
import { validateReceiveMovement, type ReceiveMovement } from './schema';
import { sampleMovement, silentLogger } from './test-support';

const WASTE_TRACKING_ID = /^\d{2}[A-Z0-9]{6,}$/;

let sandbox: DwtSandbox;

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await sandbox.setKnobs(DEFAULT_KNOBS);
  sandbox.resetStats();
});

function configFor(target: { baseUrl: string; authUrl: string }, overrides: Partial<DwtConfig> = {}): DwtConfig {
  return {
    environment: 'sandbox',
    apiBaseUrl: target.baseUrl,
    authUrl: target.authUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    ...overrides,
  };
}

/** A client whose waits are recorded instead of waited (unless `sleep` is given). */
function clientFor(config: DwtConfig = configFor(sandbox), options: DwtClientOptions = {}) {
  const sleeps: number[] = [];
  const client = createDwtClient(config, {
    logger: silentLogger,
    random: () => 0.5,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxTotalDelayMs: 10_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, sleeps };
}

type Reply = { status: number; body?: string; headers?: Record<string, string> };

/** A server answering the token endpoint properly and everything else with `api`. */
async function startStub(
  api: (req: IncomingMessage) => Reply,
): Promise<{ baseUrl: string; authUrl: string; server: Server; hits: () => number; tokens: () => number }> {
  let hits = 0;
  let tokens = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      let reply: Reply;
      if (req.url === '/oauth2/token') {
        tokens += 1;
        reply = { status: 200, body: JSON.stringify({ access_token: `t${tokens}`, expires_in: 3600, token_type: 'Bearer' }) };
      } else {
        hits += 1;
        reply = api(req);
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl: url, authUrl: url, server, hits: () => hits, tokens: () => tokens };
}

const postsReceived = () => sandbox.stats().postAttempts;
const count = (endpoint: string, status: number | string) => sandbox.stats().requests[endpoint]?.[status] ?? 0;
const PUT = 'PUT /movements/{wasteTrackingId}/receive';

describe('createMovement', () => {
  it('is created with DWT id and no warnings when complete', async () => {
    const { client } = clientFor();
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'created', warnings: [], attempts: 1 });
    if (outcome.kind !== 'created') throw new Error('not created');
    expect(outcome.wasteTrackingId).toMatch(WASTE_TRACKING_ID);
    expect(sandbox.movements.has(outcome.wasteTrackingId)).toBe(true);
  });

  it('is created with DWT warnings, e.g. a waste item without disposal or recovery codes', async () => {
    const { client } = clientFor();
    const body = sampleMovement();
    delete body.wasteItems[0]!.disposalOrRecoveryCodes;
    const outcome = await client.createMovement(body);
    expect(outcome).toMatchObject({
      kind: 'created',
      warnings: [{ key: 'wasteItems.0.disposalOrRecoveryCodes', errorType: 'NotProvided' }],
    });
  });

  it('sends placeholders, not personal data, to a non-production environment', async () => {
    const { client } = clientFor();
    const outcome = await client.createMovement(sampleMovement());
    if (outcome.kind !== 'created') throw new Error('not created');
    const stored = sandbox.movements.get(outcome.wasteTrackingId)?.body as ReceiveMovement;
    expect(stored.carrier.emailAddress).toBe(PLACEHOLDERS.email);
    expect(stored.receiver.phoneNumber).toBe(PLACEHOLDERS.phone);
    expect(JSON.stringify(stored)).not.toContain('jane@smith-haulage.co.uk');
  });

  it('is rejected with DWT validation errors verbatim, and nothing is stored', async () => {
    const { client } = clientFor();
    const body = sampleMovement();
    body.carrier = { ...body.carrier, registrationNumber: null };
    const before = sandbox.movements.size;
    const outcome = await client.createMovement(body);
    const expected = validateReceiveMovement(protectPersonalData(body, 'sandbox'), bundledLookups());
    if (expected.ok) throw new Error('the body was meant to be invalid');
    expect(outcome).toEqual({ kind: 'rejected', errors: expected.errors, attempts: 1 });
    expect(outcome.kind === 'rejected' && outcome.errors.map((e) => e.key)).toContain('carrier.reasonForNoRegistrationNumber');
    expect(sandbox.movements.size).toBe(before);
  });

  it('is api-code-refused, with DWT’s message, for an apiCode DWT does not know (revoked)', async () => {
    const { client } = clientFor();
    const outcome = await client.createMovement(sampleMovement({ apiCode: '00000000-0000-4000-8000-000000000000' }));
    expect(outcome).toEqual({ kind: 'api-code-refused', message: 'the API Code supplied is invalid', attempts: 1 });
  });

  it('is not-authorised, without retrying, when the client secret is wrong', async () => {
    const { client, sleeps } = clientFor(configFor(sandbox, { clientSecret: 'wrong' }));
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'not-authorised', status: 401, attempts: 0 });
    expect(sandbox.stats().tokenRequests).toBe(1);
    expect(sleeps).toEqual([]);
    expect(postsReceived()).toBe(0);
  });

  it('backs off with full jitter on 429 and gives up within its budget as rate-limited', async () => {
    await sandbox.setKnobs({ rate429: 1 });
    const { client, sleeps } = clientFor();
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toEqual({ kind: 'rate-limited', retryAfterMs: undefined, attempts: 3 });
    expect(postsReceived()).toBe(3);
    // random() = 0.5 of a ceiling of 100 ms, then 200 ms.
    expect(sleeps).toEqual([50, 100]);
  });

  it('honours Retry-After and succeeds once DWT lets it through', async () => {
    await sandbox.setKnobs({ rate429: 1, retryAfterSeconds: 2 });
    const sleeps: number[] = [];
    const { client } = clientFor(undefined, {
      sleep: async (ms) => {
        sleeps.push(ms);
        await sandbox.setKnobs({ rate429: 0 });
      },
    });
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'created', attempts: 2 });
    expect(sleeps).toEqual([2_000 + 50]); // Retry-After plus half a base delay of jitter
    expect(count('POST /movements/receive', 429)).toBe(1);
    expect(count('POST /movements/receive', 201)).toBe(1);
  });

  it('does not wait beyond its total budget: a long Retry-After ends the call at once', async () => {
    await sandbox.setKnobs({ rate429: 1, retryAfterSeconds: 60 });
    const { client, sleeps } = clientFor();
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toEqual({ kind: 'rate-limited', retryAfterMs: 60_000, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('is ambiguous when the connection drops after DWT read the POST: one attempt, one stored movement', async () => {
    await sandbox.setKnobs({ dropAfterReadingPost: true });
    const { client, sleeps } = clientFor();
    const before = sandbox.movements.size;
    const outcome = await client.createMovement(sampleMovement({ yourUniqueReference: 'DROP-1' }));
    expect(outcome.kind).toBe('ambiguous');
    expect(outcome.attempts).toBe(1);
    expect(postsReceived()).toBe(1);
    expect(sleeps).toEqual([]);
    expect(sandbox.movements.size).toBe(before + 1);
    expect(sandbox.stats().acceptedPosts).toEqual({ 'DROP-1': 1 });
  });

  it('is ambiguous, never retried, on a 5xx', async () => {
    const { client, sleeps } = clientFor();
    await client.getPopNames(); // a token in hand, so only the POST meets the outage
    await sandbox.setKnobs({ rate5xx: 1 });
    sandbox.resetStats();
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'ambiguous', attempts: 1 });
    expect(postsReceived()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('is ambiguous, never retried, when no answer comes in time', async () => {
    await sandbox.setKnobs({ latencyMs: 300 });
    const { client } = clientFor(undefined, { timeouts: { writeMs: 100 } });
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'ambiguous', attempts: 1 });
    expect(outcome.kind === 'ambiguous' && outcome.reason).toMatch(/no answer within 100 ms/);
    expect(postsReceived()).toBe(1);
    // Which is why it is not resent: DWT stored it after the client stopped waiting.
    await vi.waitFor(() => expect(count('POST /movements/receive', 201)).toBe(1));
  });

  it('retries a refused connection (nothing was sent) and ends unavailable', async () => {
    const closedPort = await freePort();
    const { client, sleeps } = clientFor(configFor({ baseUrl: `http://127.0.0.1:${closedPort}`, authUrl: sandbox.authUrl }));
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'unavailable', attempts: 3 });
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(/ECONNREFUSED/);
    expect(sleeps).toHaveLength(2);
  });

  it('is unavailable, having sent nothing, when DWT is down altogether', async () => {
    await sandbox.setKnobs({ down: 'refuse' });
    const { client } = clientFor();
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'unavailable', attempts: 0 });
    await sandbox.setKnobs({ down: false });
    expect((await client.createMovement(sampleMovement())).kind).toBe('created');
  });

  it('is unavailable when a DNS lookup fails', async () => {
    const { client } = clientFor(configFor({ baseUrl: 'http://dwt.invalid', authUrl: 'http://dwt.invalid' }), {
      retry: { maxAttempts: 1 },
    });
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'unavailable', attempts: 0 });
  });
});

describe('updateMovement', () => {
  async function created(client: ReturnType<typeof clientFor>['client']) {
    const outcome = await client.createMovement(sampleMovement());
    if (outcome.kind !== 'created') throw new Error(`not created: ${outcome.kind}`);
    return outcome.wasteTrackingId;
  }

  it('is updated, replacing the stored movement', async () => {
    const { client } = clientFor();
    const id = await created(client);
    const body = sampleMovement({ yourUniqueReference: 'WB-000123-REGRADED' });
    delete body.wasteItems[0]!.disposalOrRecoveryCodes;
    const outcome = await client.updateMovement(id, body);
    expect(outcome).toMatchObject({ kind: 'updated', warnings: [{ key: 'wasteItems.0.disposalOrRecoveryCodes' }] });
    expect(sandbox.movements.get(id)).toMatchObject({ updates: 1, body: { yourUniqueReference: 'WB-000123-REGRADED' } });
  });

  it('is not-found for an unknown id, and nothing is stored', async () => {
    const { client } = clientFor();
    const before = sandbox.movements.size;
    const outcome = await client.updateMovement('26ZZZZZZ', sampleMovement());
    expect(outcome).toEqual({ kind: 'not-found', attempts: 1 });
    expect(sandbox.movements.size).toBe(before);
    expect(sandbox.movements.has('26ZZZZZZ')).toBe(false);
  });

  it('is rejected with DWT errors', async () => {
    const { client } = clientFor();
    const id = await created(client);
    const outcome = await client.updateMovement(id, sampleMovement({ dateTimeReceived: 'yesterday' }));
    expect(outcome).toMatchObject({ kind: 'rejected', errors: [{ key: 'dateTimeReceived', errorType: 'InvalidFormat' }] });
  });

  it('retries 5xx (a PUT is idempotent) and succeeds when DWT recovers', async () => {
    const { client } = clientFor(undefined, {
      sleep: async () => {
        await sandbox.setKnobs({ rate5xx: 0 });
      },
    });
    const id = await created(client);
    await sandbox.setKnobs({ rate5xx: 1 });
    const outcome = await client.updateMovement(id, sampleMovement());
    expect(outcome).toMatchObject({ kind: 'updated', attempts: 2 });
  });

  it('retries a timeout (a PUT is idempotent) and ends unavailable', async () => {
    const { client, sleeps } = clientFor(undefined, { timeouts: { writeMs: 100 } });
    const id = await created(client);
    await sandbox.setKnobs({ latencyMs: 300 });
    const outcome = await client.updateMovement(id, sampleMovement());
    expect(outcome).toMatchObject({ kind: 'unavailable', attempts: 3 });
    expect(sleeps).toHaveLength(2);
    // DWT applied every one after the client stopped waiting: resending a PUT was harmless.
    await vi.waitFor(() => expect(sandbox.movements.get(id)?.updates).toBe(3));
  });

  it('is unavailable after its attempts when DWT answers 503 throughout', async () => {
    const { client } = clientFor();
    const id = await created(client);
    await sandbox.setKnobs({ down: '503' });
    sandbox.resetStats();
    const outcome = await client.updateMovement(id, sampleMovement());
    expect(outcome).toMatchObject({ kind: 'unavailable', reason: 'DWT answered 503', attempts: 3 });
    expect(count(PUT, 503)).toBe(3);
  });
});

describe('reference data', () => {
  it('serves the five lists, parsed', async () => {
    const { client } = clientFor();
    const [ewc, hp, dr, containers, pops] = await Promise.all([
      client.getEwcCodes(),
      client.getHazardousPropertyCodes(),
      client.getDisposalOrRecoveryCodes(),
      client.getContainerTypes(),
      client.getPopNames(),
    ]);
    expect(ewc.kind === 'ok' && ewc.data.find((e) => e.code === '170504')).toMatchObject({ isHazardous: false });
    expect(hp.kind === 'ok' && hp.data.map((e) => e.code)).toContain('HP_1');
    expect(dr.kind === 'ok' && dr.data.map((e) => e.code)).toContain('R1');
    expect(containers.kind === 'ok' && containers.data.map((e) => e.code)).toContain('SKI');
    expect(pops.kind === 'ok' && pops.data.map((e) => e.code)).toContain('PFOS');
  });
});

describe('tokens', () => {
  it('are fetched once for many calls, concurrent ones included', async () => {
    const { client } = clientFor();
    await Promise.all(Array.from({ length: 8 }, () => client.getContainerTypes()));
    await client.createMovement(sampleMovement());
    await client.getPopNames();
    expect(sandbox.stats().tokenRequests).toBe(1);
  });

  it('are renewed shortly before expires_in, and never used beyond 4 hours', async () => {
    let now = Date.parse('2026-11-22T08:00:00Z');
    const { client } = clientFor(undefined, { now: () => now });
    await client.getPopNames();
    now += 3_600_000 - 120_000; // two minutes before expiry: still good
    await client.getPopNames();
    expect(sandbox.stats().tokenRequests).toBe(1);
    now += 90_000; // thirty seconds before expiry: inside the renewal margin
    await client.getPopNames();
    expect(sandbox.stats().tokenRequests).toBe(2);

    await sandbox.setKnobs({ tokenTtlSeconds: 24 * 3600 });
    sandbox.resetStats();
    const long = clientFor(undefined, { now: () => now }).client;
    await long.getPopNames();
    now += 4 * 3_600_000 - 30_000;
    await long.getPopNames();
    expect(sandbox.stats().tokenRequests).toBe(2);
  });

  it('on one 401, renew once and retry once', async () => {
    const { client } = clientFor();
    await client.getPopNames();
    sandbox.revokeTokens();
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'created', attempts: 2 });
    expect(sandbox.stats().tokenRequests).toBe(2);
    expect(count('POST /movements/receive', 401)).toBe(1);
  });

  it('a second 401 ends the call as not-authorised, with no more renewals', async () => {
    const stub = await startStub(() => ({ status: 401, body: '{"message":"Token revoked"}' }));
    try {
      const { client, sleeps } = clientFor(configFor(stub));
      const outcome = await client.createMovement(sampleMovement());
      expect(outcome).toEqual({ kind: 'not-authorised', status: 401, message: 'Token revoked', attempts: 2 });
      expect(stub.tokens()).toBe(2);
      expect(sleeps).toEqual([]);
    } finally {
      stub.server.close();
    }
  });

  it('a token request that times out is retried, and nothing is sent meanwhile', async () => {
    const stub = createServer(() => {}); // accepts and never answers
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const authUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    try {
      const { client, sleeps } = clientFor(configFor({ baseUrl: sandbox.baseUrl, authUrl }), {
        timeouts: { tokenMs: 100 },
        retry: { maxAttempts: 2 },
      });
      const outcome = await client.createMovement(sampleMovement());
      expect(outcome).toMatchObject({ kind: 'unavailable', attempts: 0 });
      expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(/token endpoint: no answer within 100 ms/);
      expect(sleeps).toHaveLength(1);
      expect(postsReceived()).toBe(0);
    } finally {
      stub.closeAllConnections();
      stub.close();
    }
  });
});

describe('unexpected answers are typed outcomes, never crashes', () => {
  let reply: Reply;
  let stub: Awaited<ReturnType<typeof startStub>>;
  beforeAll(async () => {
    stub = await startStub(() => reply);
  });
  afterAll(() => stub.server.close());

  it('garbage JSON for a list is unexpected', async () => {
    reply = { status: 200, body: '{"not": "a list"' };
    const { client } = clientFor(configFor(stub));
    expect(await client.getEwcCodes()).toEqual({ kind: 'unexpected', status: 200, body: '{"not": "a list"', attempts: 1 });
  });

  it('a list of the wrong shape is unexpected', async () => {
    reply = { status: 200, body: '[{"code": 170504}]' };
    const { client } = clientFor(configFor(stub));
    expect((await client.getEwcCodes()).kind).toBe('unexpected');
  });

  it('402 Payment Required is its own outcome with DWT’s message, asked once (issue 14)', async () => {
    reply = { status: 402, body: '{"statusCode":402,"error":"Payment Required","message":"The organisation has not paid the service charge"}' };
    const { client } = clientFor(configFor(stub));
    expect(await client.createMovement(sampleMovement())).toEqual({
      kind: 'payment-required',
      message: 'The organisation has not paid the service charge',
      attempts: 1,
    });
    expect(await client.updateMovement('26ABCDEF', sampleMovement())).toMatchObject({ kind: 'payment-required', attempts: 1 });
  });

  it('reads the service charge’s expiry from either header name DWT uses (issue 14)', async () => {
    const { client } = clientFor(configFor(stub));
    reply = { status: 201, body: '{"wasteTrackingId":"26ABCDEF"}', headers: { 'service-charge-expiry-date': '2027-03-31' } };
    expect(await client.createMovement(sampleMovement())).toEqual({
      kind: 'created',
      wasteTrackingId: '26ABCDEF',
      warnings: [],
      serviceChargeExpiry: '2027-03-31',
      attempts: 1,
    });
    reply = { status: 200, body: '', headers: { 'x-dwt-service-charge-expiry-date': 'not available' } };
    expect(await client.updateMovement('26ABCDEF', sampleMovement())).toEqual({
      kind: 'updated',
      warnings: [],
      serviceChargeExpiry: 'not available',
      attempts: 1,
    });
  });

  it('a 201 without a readable id is ambiguous: stored, but a resend would duplicate it', async () => {
    reply = { status: 201, body: '<html>Created</html>' };
    const { client } = clientFor(configFor(stub));
    expect(await client.createMovement(sampleMovement())).toMatchObject({ kind: 'ambiguous', attempts: 1 });
  });

  it('a 200 to a PUT with an odd body is unexpected; an empty one is fine', async () => {
    const { client } = clientFor(configFor(stub));
    reply = { status: 200, body: '"ok"' };
    expect((await client.updateMovement('26ABCDEF', sampleMovement())).kind).toBe('unexpected');
    reply = { status: 200, body: '' };
    expect(await client.updateMovement('26ABCDEF', sampleMovement())).toEqual({ kind: 'updated', warnings: [], attempts: 1 });
  });

  it('a 400 that is not DWT validation is unexpected', async () => {
    reply = { status: 400, body: '{"statusCode":400,"error":"Bad Request","message":"Invalid request payload JSON format"}' };
    const { client } = clientFor(configFor(stub));
    expect((await client.createMovement(sampleMovement())).kind).toBe('unexpected');
  });

  it('a 402 is surfaced once, never looped', async () => {
    reply = { status: 402, body: '{"message":"Service charge unpaid"}' };
    const before = stub.hits();
    const { client, sleeps } = clientFor(configFor(stub));
    const outcome = await client.updateMovement('26ABCDEF', sampleMovement());
    // Issue 14: no longer "unexpected" but its own typed outcome, still asked once.
    expect(outcome).toEqual({ kind: 'payment-required', message: 'Service charge unpaid', attempts: 1 });
    expect(stub.hits() - before).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('a 403 is not-authorised', async () => {
    reply = { status: 403, body: '{"message":"apiCode revoked by the operator"}' };
    const { client } = clientFor(configFor(stub));
    expect(await client.createMovement(sampleMovement())).toMatchObject({
      kind: 'not-authorised',
      status: 403,
      message: 'apiCode revoked by the operator',
    });
  });

  it('a redirect is not followed', async () => {
    reply = { status: 302, headers: { location: 'http://127.0.0.1:9/elsewhere' } };
    const { client } = clientFor(configFor(stub));
    expect(await client.createMovement(sampleMovement())).toMatchObject({ kind: 'unexpected', status: 302 });
  });

  it('a token answer of the wrong shape is unexpected', async () => {
    const tokenStub = createServer((_req, res) => res.end('{"token":"x"}'));
    await new Promise<void>((resolve) => tokenStub.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(tokenStub.address() as AddressInfo).port}`;
    try {
      const { client } = clientFor(configFor({ baseUrl: url, authUrl: url }));
      expect(await client.getPopNames()).toMatchObject({ kind: 'unexpected', status: 200, attempts: 0 });
    } finally {
      tokenStub.close();
    }
  });
});

describe('network failures fetch reports that a real server is hard to provoke', () => {
  const tokenAnswer = () => new Response(JSON.stringify({ access_token: 't', expires_in: 3600, token_type: 'Bearer' }), { status: 200 });
  const failingFetch =
    (code: string): typeof fetch =>
    async (input) => {
      if (String(input).endsWith('/oauth2/token')) return tokenAnswer();
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    };
  const config = () => configFor({ baseUrl: 'http://dwt.test', authUrl: 'http://dwt.test' });

  it('a connection reset after sending makes a POST ambiguous but a PUT is retried', async () => {
    const post = clientFor(config(), { fetch: failingFetch('ECONNRESET') });
    expect(await post.client.createMovement(sampleMovement())).toMatchObject({ kind: 'ambiguous', attempts: 1 });
    expect(post.sleeps).toEqual([]);

    const put = clientFor(config(), { fetch: failingFetch('ECONNRESET') });
    expect(await put.client.updateMovement('26ABCDEF', sampleMovement())).toMatchObject({ kind: 'unavailable', attempts: 3 });
    expect(put.sleeps).toHaveLength(2);
  });

  it('a connect timeout proves nothing was sent, so even a POST is retried', async () => {
    const { client, sleeps } = clientFor(config(), { fetch: failingFetch('UND_ERR_CONNECT_TIMEOUT') });
    const outcome = await client.createMovement(sampleMovement());
    expect(outcome).toMatchObject({ kind: 'unavailable', attempts: 3 });
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(/UND_ERR_CONNECT_TIMEOUT/);
    expect(sleeps).toHaveLength(2);
  });
});
