import { describe, expect, it } from 'vitest';
import { dwtSettingsSchema } from './schema';
import { describeFetchError, testConnection } from './test-connection';

const connection = { apiBaseUrl: 'https://api.dwt.example', authUrl: 'https://auth.dwt.example', clientId: 'vendor', clientSecret: 'TopSecret-123' };

/** A fetch whose error carries a cause code, as undici's does. */
const failing = (code: string, name = 'TypeError') => {
  const error = Object.assign(new Error('fetch failed'), { name, cause: Object.assign(new Error(code), { code }) });
  return (async () => {
    throw error;
  }) as unknown as typeof fetch;
};

function answering(...responses: [number, unknown][]): typeof fetch {
  let i = 0;
  return (async () => {
    const [status, body] = responses[Math.min(i++, responses.length - 1)]!;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

const token = [200, { access_token: 'tok', token_type: 'Bearer', expires_in: 3600 }] as [number, unknown];
const ewc = [200, [{ code: '170504', description: 'soil and stones', isHazardous: false }]] as [number, unknown];

describe('test connection', () => {
  it('reports each step that worked', async () => {
    const result = await testConnection(connection, { fetch: answering(token, ewc) });
    expect(result).toEqual({
      ok: true,
      steps: [
        { ok: true, message: 'Reached the token endpoint at auth.dwt.example.' },
        { ok: true, message: 'DWT accepted the client id and secret and gave an access token.' },
        { ok: true, message: 'Fetched 1 EWC codes from api.dwt.example.' },
      ],
    });
  });

  it.each([
    ['ENOTFOUND', 'Could not reach the auth URL: DNS lookup failed: no address found for auth.dwt.example.'],
    ['EAI_AGAIN', 'Could not reach the auth URL: DNS lookup failed: no address found for auth.dwt.example.'],
    ['ECONNREFUSED', 'Could not reach the auth URL: connection refused by auth.dwt.example: nothing is listening there.'],
    ['UND_ERR_CONNECT_TIMEOUT', 'Could not reach the auth URL: timed out connecting to auth.dwt.example.'],
    [
      'CERT_HAS_EXPIRED',
      expect.stringMatching(/^Could not reach the auth URL: TLS error: the secure connection to auth.dwt.example failed \(CERT_HAS_EXPIRED\)/),
    ],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', expect.stringMatching(/TLS error/)],
    ['ERR_SSL_WRONG_VERSION_NUMBER', expect.stringMatching(/TLS error/)],
    ['ECONNRESET', 'Could not reach the auth URL: auth.dwt.example closed the connection unexpectedly.'],
  ])('says plainly what %s means', async (code, message) => {
    const result = await testConnection(connection, { fetch: failing(code) });
    expect(result).toEqual({ ok: false, steps: [{ ok: false, message }] });
  });

  it('says when the token endpoint does not answer in time', async () => {
    expect(describeFetchError(Object.assign(new Error('x'), { name: 'TimeoutError' }), 'https://auth.dwt.example/oauth2/token', 10_000)).toBe(
      'timed out: auth.dwt.example did not answer within 10 seconds',
    );
  });

  it.each([
    [[401, { error: 'invalid_client' }], 'DWT refused the client id or secret (HTTP 401).'],
    [[400, { error: 'invalid_client' }], 'DWT refused the client id or secret (HTTP 400).'],
    [[404, 'Not found'], 'The token endpoint was not found at https://auth.dwt.example/oauth2/token (HTTP 404): check the address.'],
    [[503, 'down'], "The token endpoint had a problem on DWT's side (HTTP 503): try again later."],
    [[429, ''], 'DWT is limiting requests (HTTP 429): wait a minute and try again.'],
    [[200, '<html>login</html>'], "The auth URL answered, but not with an access token: check it is DWT's token host."],
  ] as [[number, unknown], string][])('maps a token answer of %j to plain words', async (answer, message) => {
    const result = await testConnection(connection, { fetch: answering(answer) });
    expect(result.ok).toBe(false);
    expect(result.steps.at(-1)).toEqual({ ok: false, message });
  });

  it('maps the reference list step too', async () => {
    expect((await testConnection(connection, { fetch: answering(token, [403, {}]) })).steps.at(-1)!.message).toMatch(
      /API refused the access token \(HTTP 403\)/,
    );
    expect((await testConnection(connection, { fetch: answering(token, [404, {}]) })).steps.at(-1)!.message).toMatch(/EWC codes list was not found/);
    expect((await testConnection(connection, { fetch: answering(token, [200, { not: 'a list' }]) })).steps.at(-1)!.message).toMatch(
      /not with a list of EWC codes/,
    );
  });

  it('never echoes the secret, even when DWT answers with it', async () => {
    const echo = answering([401, { error_description: `bad secret ${connection.clientSecret}` }]);
    const result = await testConnection(connection, { fetch: echo });
    expect(JSON.stringify(result)).not.toContain(connection.clientSecret);
  });
});

describe('the settings form rules', () => {
  const base = {
    environment: 'test',
    apiBaseUrl: 'https://waste-tracking.integration.api.defra.gov.uk/',
    authUrl: 'https://auth.example.gov.uk',
    clientId: 'v',
  };
  const errors = (input: object) => dwtSettingsSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('accepts a full set and strips trailing slashes', () => {
    expect(dwtSettingsSchema.parse(base)).toMatchObject({ apiBaseUrl: 'https://waste-tracking.integration.api.defra.gov.uk', clientSecret: '' });
  });
  it('refuses an environment that contradicts DWT’s server, and http outside the sandbox or this machine', () => {
    expect(errors({ environment: 'production' })).toEqual(["environment: The API URL is DWT's test server: choose Test, or change the URL"]);
    expect(errors({ authUrl: 'http://auth.example.gov.uk' })).toEqual(['authUrl: The auth URL must start with https:// outside the sandbox']);
    expect(errors({ environment: 'sandbox', apiBaseUrl: 'http://sandbox.internal', authUrl: 'http://sandbox.internal' })).toEqual([]);
    expect(errors({ apiBaseUrl: 'http://127.0.0.1:3100', authUrl: 'http://localhost:3100' })).toEqual([]);
    expect(errors({ environment: 'production', apiBaseUrl: 'https://dwt-proxy.example.com' })).toEqual([
      "apiBaseUrl: Production sends personal data, so the API URL must be DWT's production server, https://waste-tracking.api.defra.gov.uk",
    ]);
    expect(errors({ apiBaseUrl: 'ftp://x.example' })).toEqual([expect.stringMatching(/^apiBaseUrl: Enter the API URL as a web address/)]);
  });
});
