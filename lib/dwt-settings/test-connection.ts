import 'server-only';
// "Test connection": fetch a token, then one reference list, and say plainly what happened at each
// step. Messages are built from the URL's host, HTTP status codes and network error codes only — never
// from DWT's answer bodies or the credentials — so a secret cannot be echoed back to the page.
import { referenceListSchemas, tokenResponseSchema } from '@/lib/dwt/responses';
import type { ConnectionStep, ConnectionTestResult } from './schema';

export interface ConnectionToTest {
  apiBaseUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface TestOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH|ERR_CERT)/;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The network error of a failed fetch, in plain words ("DNS lookup failed for x", "timed out"...). */
export function describeFetchError(error: unknown, url: string, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string; name?: string; cause?: { code?: string } } };
  const host = hostOf(url);
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.cause?.name === 'ConnectTimeoutError') {
    return `timed out: ${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds`;
  }
  const code = err.cause?.code ?? err.cause?.cause?.code ?? err.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return `DNS lookup failed: no address found for ${host}`;
  if (code === 'ECONNREFUSED') return `connection refused by ${host}: nothing is listening there`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return `timed out connecting to ${host}`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `${host} closed the connection unexpectedly`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `no network route to ${host}`;
  if (TLS_CODES.test(code)) return `TLS error: the secure connection to ${host} failed (${code}); check the certificate or that the address is https`;
  return `network error reaching ${host}${code ? ` (${code})` : ''}`;
}

async function send(fetchImpl: typeof fetch, url: string, init: RequestInit, timeoutMs: number) {
  try {
    const response = await fetchImpl(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { ok: true as const, status: response.status, text };
  } catch (error) {
    return { ok: false as const, reason: describeFetchError(error, url, timeoutMs) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function httpProblem(status: number, what: string, url: string): string {
  if (status === 404) return `${what} was not found at ${url} (HTTP 404): check the address`;
  if (status === 429) return `DWT is limiting requests (HTTP 429): wait a minute and try again`;
  if (status >= 500) return `${what} had a problem on DWT's side (HTTP ${status}): try again later`;
  if (status >= 300 && status < 400) return `${what} redirected elsewhere (HTTP ${status}): check the address`;
  return `${what} answered HTTP ${status}, which Weighbook did not expect`;
}

export async function testConnection(connection: ConnectionToTest, options: TestOptions = {}): Promise<ConnectionTestResult> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const steps: ConnectionStep[] = [];
  const fail = (message: string): ConnectionTestResult => ({ ok: false, steps: [...steps, { ok: false, message }] });

  // 1. The token endpoint, with the client id and secret.
  const tokenUrl = `${connection.authUrl}/oauth2/token`;
  const basic = Buffer.from(`${encodeURIComponent(connection.clientId)}:${encodeURIComponent(connection.clientSecret)}`).toString('base64');
  const token = await send(
    fetchImpl,
    tokenUrl,
    {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    },
    timeoutMs,
  );
  if (!token.ok) return fail(`Could not reach the auth URL: ${token.reason}.`);
  steps.push({ ok: true, message: `Reached the token endpoint at ${hostOf(tokenUrl)}.` });
  if (token.status === 400 || token.status === 401 || token.status === 403) {
    return fail(`DWT refused the client id or secret (HTTP ${token.status}).`);
  }
  if (token.status !== 200) return fail(`${httpProblem(token.status, 'The token endpoint', tokenUrl)}.`);
  const parsedToken = tokenResponseSchema.safeParse(parseJson(token.text));
  if (!parsedToken.success) return fail("The auth URL answered, but not with an access token: check it is DWT's token host.");
  steps.push({ ok: true, message: 'DWT accepted the client id and secret and gave an access token.' });

  // 2. One reference list, with that token.
  const listUrl = `${connection.apiBaseUrl}/reference-data/ewc-codes`;
  const list = await send(
    fetchImpl,
    listUrl,
    { method: 'GET', headers: { authorization: `Bearer ${parsedToken.data.access_token}`, accept: 'application/json' } },
    timeoutMs,
  );
  if (!list.ok) return fail(`Could not reach the API URL: ${list.reason}.`);
  if (list.status === 401 || list.status === 403) {
    return fail(`The API refused the access token (HTTP ${list.status}): the API URL and auth URL may belong to different environments.`);
  }
  if (list.status !== 200) return fail(`${httpProblem(list.status, 'The EWC codes list', listUrl)}.`);
  const parsedList = referenceListSchemas['ewc-codes'].array().safeParse(parseJson(list.text));
  if (!parsedList.success) return fail("The API URL answered, but not with a list of EWC codes: check it is DWT's API address.");
  steps.push({ ok: true, message: `Fetched ${parsedList.data.length} EWC codes from ${hostOf(listUrl)}.` });
  return { ok: true, steps };
}
