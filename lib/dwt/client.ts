import 'server-only';
// The one way Weighbook talks to DWT's Receipt of Waste API (../shared/dwt/README.md).
// Over 400 lines because the outcome table below governs every call: the calls, the token and the
// retry rules stay in one file so no call can drift from the table.
//
// Every call ends in a typed outcome, never a throw. What is retried depends on whether DWT can have
// acted on a request, because a POST has no idempotency key and no way to look a movement up:
//
//   failure                                  POST /movements/receive       PUT (idempotent), GET
//   429                                      retry (nothing was stored)    retry
//   connection refused, DNS, connect timeout retry (nothing was sent)      retry
//   token endpoint 429 / 5xx / unreachable   retry (the POST was not sent) retry
//   timeout or reset after sending           ambiguous, never retried      retry
//   5xx                                      ambiguous, never retried      retry
//   401                                      renew the token once and resend once (the request was refused unread)
//   403, bad secret                          not-authorised                not-authorised
//   400 about the apiCode (unknown, revoked) api-code-refused              api-code-refused
//   402 (service charge unpaid)              payment-required              payment-required
//   other 4xx, unreadable answer             unexpected                    unexpected
//
// A created/updated answer carries the service charge's expiry date from DWT's header (live:
// `service-charge-expiry-date`; the spec: `x-dwt-service-charge-expiry-date`), when DWT sent one.
//
// POST /production-approval-tests (test environment) stores nothing, so it is retried like a PUT.
//
// Retries back off exponentially with full jitter, honour Retry-After, and stop at a budget of
// attempts and total waiting; the last failure is then the outcome.
import { logger as rootLogger, type Logger } from '@/lib/logger';
import type { DwtConfig, DwtEnvironment } from './config';
import { protectPersonalData } from './personal-data';
import {
  approvalTestsResponseSchema,
  createdResponseSchema,
  rejectedResponseSchema,
  referenceListSchemas,
  tokenResponseSchema,
  updatedResponseSchema,
  type ApprovalTestsResponse,
  type DwtIssue,
  type ReferenceEntry,
  type ReferenceListName,
} from './responses';
import { DEFAULT_RETRY_POLICY, nextDelay, parseRetryAfter, type RetryPolicy } from './retry';
import type { ReceiveMovement } from './schema';
import { fetchTransport, nodeTransport, TransportError, type TransportResponse } from './transport';

export interface DwtTimeouts {
  tokenMs: number;
  /** Reference-data GETs. */
  readMs: number;
  /** POST and PUT of a movement. */
  writeMs: number;
}

export interface DwtClientOptions {
  /** Carry requests over this fetch instead of node:http(s) (./transport.ts): for tests. */
  fetch?: typeof fetch;
  /** Epoch milliseconds; drives token expiry and Retry-After dates. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); drives the back-off jitter. */
  random?: () => number;
  timeouts?: Partial<DwtTimeouts>;
  retry?: Partial<RetryPolicy>;
  /** Renew a token this long before it expires (capped at a tenth of its lifetime). */
  tokenRenewMarginMs?: number;
  logger?: Logger;
}

export const DEFAULT_TIMEOUTS: DwtTimeouts = { tokenMs: 10_000, readMs: 15_000, writeMs: 15_000 };
const DEFAULT_TOKEN_RENEW_MARGIN_MS = 60_000;
/** DWT refuses tokens older than this whatever their expires_in. */
const TOKEN_MAX_AGE_MS = 4 * 60 * 60 * 1000;
/** How much of an unexpected answer is kept for the person looking into it. */
const BODY_EXCERPT_CHARS = 2_000;

export type DwtFailure =
  | { kind: 'rate-limited'; retryAfterMs?: number }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'not-authorised'; status: number; message: string }
  /** 402: the operator's organisation has not paid DWT's service charge; nothing was stored. */
  | { kind: 'payment-required'; message: string }
  | { kind: 'unexpected'; status: number; body: string };

/** The service charge's expiry as DWT's header gave it (an ISO date, or `not available`); absent when not sent. */
type Charge = { serviceChargeExpiry?: string };
export type Created = { kind: 'created'; wasteTrackingId: string; warnings: DwtIssue[] } & Charge;
export type Updated = { kind: 'updated'; warnings: DwtIssue[] } & Charge;
/** 400 on key `apiCode`: DWT does not know the operator's apiCode, or it was disabled or revoked. Nothing was stored. */
export type ApiCodeRefused = { kind: 'api-code-refused'; message: string };
export type Rejected = { kind: 'rejected'; errors: DwtIssue[] };
export type NotFound = { kind: 'not-found' };
export type Ambiguous = { kind: 'ambiguous'; reason: string };
export type ReferenceList<N extends ReferenceListName> = { kind: 'ok'; data: ReferenceEntry<N>[] };
/** DWT's verdict on production approval scenarios (POST /production-approval-tests). */
export type ApprovalTestsAssessed = { kind: 'assessed' } & ApprovalTestsResponse;

/** `attempts`: requests sent to the API (0 when no token could be had, so nothing was sent). */
type Counted<T> = T & { attempts: number };

export type CreateMovementOutcome = Counted<Created | Rejected | ApiCodeRefused | Ambiguous | DwtFailure>;
export type UpdateMovementOutcome = Counted<Updated | Rejected | ApiCodeRefused | NotFound | DwtFailure>;
export type ReferenceDataOutcome<N extends ReferenceListName> = Counted<ReferenceList<N> | DwtFailure>;
/** `rejected`: DWT refused the request (400), e.g. an id it does not hold for this client. */
export type ApprovalTestsOutcome = Counted<ApprovalTestsAssessed | Rejected | DwtFailure>;

export interface DwtClient {
  readonly environment: DwtEnvironment;
  readonly apiBaseUrl: string;
  createMovement(body: ReceiveMovement): Promise<CreateMovementOutcome>;
  updateMovement(wasteTrackingId: string, body: ReceiveMovement): Promise<UpdateMovementOutcome>;
  getEwcCodes(): Promise<ReferenceDataOutcome<'ewc-codes'>>;
  getHazardousPropertyCodes(): Promise<ReferenceDataOutcome<'hazardous-property-codes'>>;
  getDisposalOrRecoveryCodes(): Promise<ReferenceDataOutcome<'disposal-or-recovery-codes'>>;
  getContainerTypes(): Promise<ReferenceDataOutcome<'container-types'>>;
  getPopNames(): Promise<ReferenceDataOutcome<'pop-names'>>;
  getReferenceList<N extends ReferenceListName>(name: N): Promise<ReferenceDataOutcome<N>>;
  /** Test environment only: asks DWT to assess the movements created for its approval scenarios. */
  runProductionApprovalTests(pairs: readonly { scenarioId: string; wasteTrackingId: string }[]): Promise<ApprovalTestsOutcome>;
}

type Method = 'GET' | 'POST' | 'PUT';

interface Request {
  method: Method;
  path: string;
  body?: string;
  timeoutMs: number;
}

/** What one request came to, before it is read as an outcome. */
type Exchange = ({ type: 'response' } & TransportResponse) | { type: 'network-error'; sent: 'no' | 'maybe'; reason: string };

/** Stop with `done`, or try again (if the budget allows) and otherwise end with `retry`. */
type Step<T> = { done: T } | { retry: T; retryAfterMs?: number };

type TokenResult = { ok: true; token: string } | { ok: false; step: Step<DwtFailure> };

/** `sent`: requests that went to the API in this attempt (a 401 is renewed and resent once). */
type Attempt = { sent: number } & ({ exchange: Exchange } | { tokenStep: Step<DwtFailure> });

// Errors that prove the request never left this machine: nothing can have been stored.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function describeNetworkError(error: unknown, timeoutMs: number): { sent: 'no' | 'maybe'; reason: string } {
  // Our own transport knows whether the connection was ever made.
  if (error instanceof TransportError)
    return { sent: error.sent, reason: error.code && !error.message.includes(error.code) ? `${error.message} (${error.code})` : error.message };
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') {
    // fetch cannot say whether the request went out before the timer fired, so assume it did.
    return { sent: 'maybe', reason: `no answer within ${timeoutMs} ms` };
  }
  const code = err.cause?.code;
  const detail = [err.message, code ?? err.cause?.message].filter(Boolean).join(': ');
  return { sent: code && NOT_SENT_CODES.has(code) ? 'no' : 'maybe', reason: detail || String(error) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The human part of an error answer: OAuth's error_description, a `message`, or the text itself. */
function messageOf(text: string): string {
  const json = parseJson(text) as Record<string, unknown> | undefined;
  for (const field of ['error_description', 'message', 'error']) {
    const value = json?.[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return text.trim().slice(0, 300);
}

const unexpected = (status: number, text: string): DwtFailure => ({
  kind: 'unexpected',
  status,
  body: text.slice(0, BODY_EXCERPT_CHARS),
});

const isApiCodeIssue = (issue: DwtIssue) => issue.key === 'apiCode' || issue.key.startsWith('apiCode.');

/** The service charge's expiry header, by either name (README: the live code and the spec differ). */
function serviceChargeOf(headers: TransportResponse['headers']): Charge {
  const value = (headers.get('service-charge-expiry-date') ?? headers.get('x-dwt-service-charge-expiry-date'))?.trim();
  return value ? { serviceChargeExpiry: value.slice(0, 100) } : {};
}

/** A 400 with DWT's validation errors: about the apiCode means the operator's access, else the data. */
function rejection(text: string): { done: Rejected | ApiCodeRefused | DwtFailure } {
  const parsed = rejectedResponseSchema.safeParse(parseJson(text));
  if (!parsed.success) return { done: unexpected(400, text) };
  const errors = parsed.data.validation.errors;
  const apiCodeIssue = errors.find(isApiCodeIssue);
  if (apiCodeIssue) return { done: { kind: 'api-code-refused', message: apiCodeIssue.message } };
  return { done: { kind: 'rejected', errors } };
}

export function createDwtClient(config: DwtConfig, options: DwtClientOptions = {}): DwtClient {
  const transport = options.fetch ? fetchTransport(options.fetch) : nodeTransport;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const renewMarginMs = options.tokenRenewMarginMs ?? DEFAULT_TOKEN_RENEW_MARGIN_MS;
  const log = (options.logger ?? rootLogger).child({ component: 'dwt-client', environment: config.environment });

  // ---- OAuth2 client credentials, cached and shared by concurrent callers ----

  let cachedToken: { value: string; renewAt: number } | undefined;
  let pendingToken: Promise<TokenResult> | undefined;

  async function requestToken(): Promise<TokenResult> {
    const issuedAt = now();
    // RFC 6749 §2.3.1: each credential is form-encoded before they are joined for Basic auth.
    const basic = Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`).toString('base64');
    let status: number;
    let text: string;
    let headers: TransportResponse['headers'];
    try {
      ({ status, headers, text } = await transport(`${config.authUrl}/oauth2/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        timeoutMs: timeouts.tokenMs,
      }));
    } catch (error) {
      const { reason } = describeNetworkError(error, timeouts.tokenMs);
      log.warn('dwt token request failed', { reason });
      return { ok: false, step: { retry: { kind: 'unavailable', reason: `token endpoint: ${reason}` } } };
    }
    log.debug('dwt token request', { status });

    if (status === 200) {
      const parsed = tokenResponseSchema.safeParse(parseJson(text));
      if (!parsed.success) return { ok: false, step: { done: unexpected(status, text) } };
      const lifetimeMs = Math.min(parsed.data.expires_in * 1000, TOKEN_MAX_AGE_MS);
      cachedToken = {
        value: parsed.data.access_token,
        renewAt: issuedAt + lifetimeMs - Math.min(renewMarginMs, lifetimeMs / 10),
      };
      return { ok: true, token: parsed.data.access_token };
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now());
      return { ok: false, step: { retry: { kind: 'rate-limited', retryAfterMs }, retryAfterMs } };
    }
    if (status >= 500) {
      return { ok: false, step: { retry: { kind: 'unavailable', reason: `token endpoint answered ${status}` } } };
    }
    if (status === 400 || status === 401 || status === 403) {
      const message = `DWT refused the client id and secret (${messageOf(text) || status})`;
      return { ok: false, step: { done: { kind: 'not-authorised', status, message } } };
    }
    return { ok: false, step: { done: unexpected(status, text) } };
  }

  function token(): Promise<TokenResult> {
    if (cachedToken && now() < cachedToken.renewAt) return Promise.resolve({ ok: true, token: cachedToken.value });
    pendingToken ??= requestToken().finally(() => {
      pendingToken = undefined;
    });
    return pendingToken;
  }

  // ---- requests ----

  async function send(request: Request, bearer: string): Promise<Exchange> {
    const started = now();
    try {
      const response = await transport(`${config.apiBaseUrl}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${bearer}`,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: request.body,
        timeoutMs: request.timeoutMs,
      });
      log.debug('dwt request', { method: request.method, path: request.path, status: response.status, ms: now() - started });
      return { type: 'response', ...response };
    } catch (error) {
      const failure = describeNetworkError(error, request.timeoutMs);
      log.warn('dwt request failed', { method: request.method, path: request.path, ...failure, ms: now() - started });
      return { type: 'network-error', ...failure };
    }
  }

  /** One attempt: a token, the request, and on a 401 one renewed token and one resend. */
  async function attempt(request: Request): Promise<Attempt> {
    const first = await token();
    if (!first.ok) return { tokenStep: first.step, sent: 0 };
    const exchange = await send(request, first.token);
    if (exchange.type !== 'response' || exchange.status !== 401) return { exchange, sent: 1 };

    log.info('dwt refused the access token; renewing it once', { path: request.path });
    if (cachedToken?.value === first.token) cachedToken = undefined; // unless a concurrent call already renewed it
    const second = await token();
    if (!second.ok) return { tokenStep: second.step, sent: 1 };
    return { exchange: await send(request, second.token), sent: 2 };
  }

  /** Statuses every endpoint reads alike; `method` decides whether a failure may be retried. */
  function commonStep(exchange: Exchange, method: 'POST'): Step<DwtFailure | Ambiguous>;
  function commonStep(exchange: Exchange, method: 'PUT' | 'GET'): Step<DwtFailure>;
  function commonStep(exchange: Exchange, method: Method): Step<DwtFailure | Ambiguous> {
    if (exchange.type === 'network-error') {
      if (method === 'POST' && exchange.sent === 'maybe') {
        return { done: { kind: 'ambiguous', reason: `${exchange.reason}; DWT may have stored the movement` } };
      }
      return { retry: { kind: 'unavailable', reason: exchange.reason } };
    }
    const { status, text, headers } = exchange;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now());
      return { retry: { kind: 'rate-limited', retryAfterMs }, retryAfterMs };
    }
    if (status >= 500) {
      if (method === 'POST') {
        return { done: { kind: 'ambiguous', reason: `DWT answered ${status}; it may have stored the movement` } };
      }
      return { retry: { kind: 'unavailable', reason: `DWT answered ${status}` } };
    }
    if (status === 401 || status === 403) {
      return { done: { kind: 'not-authorised', status, message: messageOf(text) || `DWT answered ${status}` } };
    }
    if (status === 402) {
      return { done: { kind: 'payment-required', message: messageOf(text) || 'DWT answered 402 Payment Required: the service charge has not been paid' } };
    }
    return { done: unexpected(status, text) };
  }

  async function run<T extends { kind: string }>(request: Request, read: (exchange: Exchange) => Step<T | DwtFailure>): Promise<Counted<T | DwtFailure>> {
    const started = now();
    let attempts = 0;
    let waitedMs = 0;
    for (let round = 1; ; round += 1) {
      const result = await attempt(request);
      attempts += result.sent;
      const step: Step<T | DwtFailure> = 'tokenStep' in result ? result.tokenStep : read(result.exchange);
      const fields = { method: request.method, path: request.path, attempts, ms: now() - started };

      if ('done' in step) {
        log.info('dwt call finished', { ...fields, outcome: step.done.kind });
        return { ...step.done, attempts };
      }
      const delayMs = nextDelay(round, step.retryAfterMs, policy, random);
      if (round >= policy.maxAttempts || waitedMs + delayMs > policy.maxTotalDelayMs) {
        log.warn('dwt call gave up', { ...fields, outcome: step.retry.kind });
        return { ...step.retry, attempts };
      }
      log.warn('dwt call will retry', { ...fields, outcome: step.retry.kind, delayMs });
      await sleep(delayMs);
      waitedMs += delayMs;
    }
  }

  // ---- endpoints ----

  function createMovement(body: ReceiveMovement): Promise<CreateMovementOutcome> {
    const request: Request = {
      method: 'POST',
      path: '/movements/receive',
      body: JSON.stringify(protectPersonalData(body, config.environment)),
      timeoutMs: timeouts.writeMs,
    };
    return run<Created | Rejected | ApiCodeRefused | Ambiguous>(request, (exchange) => {
      if (exchange.type === 'response' && exchange.status >= 200 && exchange.status < 300) {
        const parsed = createdResponseSchema.safeParse(parseJson(exchange.text));
        if (!parsed.success) {
          // Accepted, so probably stored, but without the id a resend would make a duplicate.
          return { done: { kind: 'ambiguous', reason: `DWT answered ${exchange.status} without a readable waste tracking id` } };
        }
        const { wasteTrackingId, validation: warnings } = parsed.data;
        return { done: { kind: 'created', wasteTrackingId, warnings, ...serviceChargeOf(exchange.headers) } };
      }
      if (exchange.type === 'response' && exchange.status === 400) {
        return rejection(exchange.text);
      }
      return commonStep(exchange, 'POST');
    });
  }

  function updateMovement(wasteTrackingId: string, body: ReceiveMovement): Promise<UpdateMovementOutcome> {
    const request: Request = {
      method: 'PUT',
      path: `/movements/${encodeURIComponent(wasteTrackingId)}/receive`,
      body: JSON.stringify(protectPersonalData(body, config.environment)),
      timeoutMs: timeouts.writeMs,
    };
    return run<Updated | Rejected | ApiCodeRefused | NotFound>(request, (exchange) => {
      if (exchange.type === 'response' && exchange.status >= 200 && exchange.status < 300) {
        const parsed = updatedResponseSchema.safeParse(exchange.text.trim() === '' ? {} : parseJson(exchange.text));
        if (!parsed.success) return { done: unexpected(exchange.status, exchange.text) };
        return { done: { kind: 'updated', warnings: parsed.data.validation, ...serviceChargeOf(exchange.headers) } };
      }
      if (exchange.type === 'response' && exchange.status === 400) {
        return rejection(exchange.text);
      }
      if (exchange.type === 'response' && exchange.status === 404) return { done: { kind: 'not-found' } };
      return commonStep(exchange, 'PUT');
    });
  }

  function getReferenceList<N extends ReferenceListName>(name: N): Promise<ReferenceDataOutcome<N>> {
    const request: Request = { method: 'GET', path: `/reference-data/${name}`, timeoutMs: timeouts.readMs };
    const schema = referenceListSchemas[name].array();
    return run<ReferenceList<N>>(request, (exchange) => {
      if (exchange.type === 'response' && exchange.status === 200) {
        const parsed = schema.safeParse(parseJson(exchange.text));
        if (!parsed.success) return { done: unexpected(exchange.status, exchange.text) };
        return { done: { kind: 'ok', data: parsed.data as ReferenceEntry<N>[] } };
      }
      return commonStep(exchange, 'GET');
    });
  }

  function runProductionApprovalTests(pairs: readonly { scenarioId: string; wasteTrackingId: string }[]): Promise<ApprovalTestsOutcome> {
    // Stores nothing, only reads what DWT holds: safe to retry like a PUT (at worst a second submissionId).
    const request: Request = {
      method: 'POST',
      path: '/production-approval-tests',
      body: JSON.stringify(pairs.map(({ scenarioId, wasteTrackingId }) => ({ scenarioId, wasteTrackingId }))),
      timeoutMs: timeouts.writeMs,
    };
    return run<ApprovalTestsAssessed | Rejected>(request, (exchange) => {
      if (exchange.type === 'response' && exchange.status === 200) {
        const parsed = approvalTestsResponseSchema.safeParse(parseJson(exchange.text));
        if (!parsed.success) return { done: unexpected(exchange.status, exchange.text) };
        return { done: { kind: 'assessed', ...parsed.data } };
      }
      if (exchange.type === 'response' && exchange.status === 400) {
        // This endpoint names no apiCode: an issue keyed apiCode is just one of DWT's errors here.
        const { done } = rejection(exchange.text);
        return {
          done: done.kind === 'api-code-refused' ? { kind: 'rejected', errors: [{ key: 'apiCode', errorType: 'InvalidValue', message: done.message }] } : done,
        };
      }
      return commonStep(exchange, 'PUT');
    });
  }

  return {
    environment: config.environment,
    apiBaseUrl: config.apiBaseUrl,
    runProductionApprovalTests,
    createMovement,
    updateMovement,
    getReferenceList,
    getEwcCodes: () => getReferenceList('ewc-codes'),
    getHazardousPropertyCodes: () => getReferenceList('hazardous-property-codes'),
    getDisposalOrRecoveryCodes: () => getReferenceList('disposal-or-recovery-codes'),
    getContainerTypes: () => getReferenceList('container-types'),
    getPopNames: () => getReferenceList('pop-names'),
  };
}
