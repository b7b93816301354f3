// The built-in DWT sandbox: a plain node:http server that speaks DWT's protocol (receipt-api.yml and
// ../shared/dwt/README.md), so the production client is what the app and the tests exercise.
// One file, over 400 lines, because it is one server: its routes share the stored movements, tokens
// and knobs; the approval-tests route, the only separable one, is in approval-tests.ts.
//
// - POST {authUrl}/oauth2/token: client credentials in HTTP Basic, form body; 401 for wrong ones.
// - The spec's API paths at the root of baseUrl (the spec's servers have no path prefix), each needing
//   a live bearer token (401 otherwise).
// - POST/PUT validate with the same rules as the app (lib/dwt/schema.ts) and answer in the spec's
//   shapes; an apiCode it does not know is a 400 keyed `apiCode` (README: 400/401/403 for a revoked
//   code; the spec does not say which); a PUT to an unknown id is a 404 and stores nothing.
// - POST /production-approval-tests assesses stored movements with DWT's content checks (./approval-tests.ts).
// - Never sends CORS headers: like DWT, it must only be called from a server.
//
// - Like live DWT (README, "The live service has moved past this spec"): a PUT whose apiCode is not the
//   one the movement was POSTed with (another organisation's) is a 400 keyed `submittingOrganisation`.
//
// Knobs make it misbehave on purpose for tests and benchmarks. rate429, rate5xx, latencyMs and
// maxRequestsPerSecond apply to API requests; `down` applies to everything.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundledLookups, bundledReferenceData, createLookups, type ReferenceData, type ReferenceLookups } from '@/lib/reference-data/catalogue';
import { validateReceiveMovement, warningsFor } from '../schema';
import { assessApprovalTests } from './approval-tests';
import { SANDBOX_API_CODES, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './defaults';

export interface SandboxKnobs {
  /** Probability (0..1) that an API request is answered 429. */
  rate429: number;
  /** Probability (0..1) that an API request is answered 500, 502 or 503 (nothing is stored). */
  rate5xx: number;
  /** Retry-After sent with 429s; none when undefined. */
  retryAfterSeconds?: number;
  /** Delay before each API answer: fixed, or uniform between min and max. */
  latencyMs: number | { min: number; max: number };
  /** Above this many API requests in a second, answer 429 (DWT's soft limit is about 200). */
  maxRequestsPerSecond?: number;
  /** POST /movements/receive: read the body, store the movement, then drop the connection unanswered. */
  dropAfterReadingPost: boolean;
  /** 'refuse': stop listening (connection refused); '503': answer every request 503. */
  down: false | 'refuse' | '503';
  /** Lifetime of the tokens it issues. */
  tokenTtlSeconds: number;
  /** EWC codes DWT has withdrawn since our reference data was synced: refused as unknown. */
  withdrawnEwcCodes: string[];
  /** apiCodes whose organisation has not paid DWT's service charge: POST and PUT answer 402, nothing stored. */
  unpaidApiCodes: string[];
  /** apiCodes the operator has disabled or revoked: answered as an unknown code (400 on key apiCode). */
  revokedApiCodes: string[];
  /** Sent in the `service-charge-expiry-date` header of successful POSTs and PUTs (an ISO date or `not available`). */
  serviceChargeExpiry?: string;
}

/** Every knob, the optional ones included, so that setKnobs(DEFAULT_KNOBS) resets them all. */
export const DEFAULT_KNOBS: SandboxKnobs = {
  rate429: 0,
  rate5xx: 0,
  retryAfterSeconds: undefined,
  latencyMs: 0,
  maxRequestsPerSecond: undefined,
  dropAfterReadingPost: false,
  down: false,
  tokenTtlSeconds: 3600,
  withdrawnEwcCodes: [],
  unpaidApiCodes: [],
  revokedApiCodes: [],
  serviceChargeExpiry: undefined,
};

/** DWT's message for an unknown, disabled or revoked apiCode. */
export const API_CODE_INVALID_MESSAGE = 'the API Code supplied is invalid';
/** The sandbox's words for an unpaid organisation (live DWT passes on its organisation service's message). */
export const PAYMENT_REQUIRED_MESSAGE = 'The organisation has not paid the Digital Waste Tracking service charge';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  clientId?: string;
  clientSecret?: string;
  /** apiCodes accepted besides the ten dummy codes. */
  apiCodes?: string[];
  knobs?: Partial<SandboxKnobs>;
  /** Lists to serve (and validate against) instead of the bundled ones, e.g. to stand for DWT adding a code. */
  referenceData?: Partial<ReferenceData>;
  /** In [0, 1); drives the knobs' dice and latency. */
  random?: () => number;
}

export interface StoredMovement {
  wasteTrackingId: string;
  /** The body as DWT received it (after the client withheld personal data). */
  body: unknown;
  createdAt: Date;
  /** PUTs that replaced it. */
  updates: number;
  /** The apiCode it was POSTed with: its organisation, the only one that may PUT to it. */
  apiCode?: string;
}

export interface SandboxStats {
  /** Endpoint (e.g. `PUT /movements/{wasteTrackingId}/receive`) → status, or `dropped` → count. */
  requests: Record<string, Record<string, number>>;
  /** POST /movements/receive requests received, whatever became of them. */
  postAttempts: number;
  /** POST /movements/receive requests read and not yet answered (in flight): what a drop cuts off. */
  postsInFlight: number;
  /** Movements stored by POST, by yourUniqueReference (or a hash of the body without one): >1 is a duplicate. */
  acceptedPosts: Record<string, number>;
  tokenRequests: number;
}

export interface DwtSandbox {
  baseUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
  apiCodes: readonly string[];
  stats(): SandboxStats;
  resetStats(): void;
  /** Resolves once a change to `down` has taken effect. */
  setKnobs(knobs: Partial<SandboxKnobs>): Promise<void>;
  /** Makes every issued token unknown, as if DWT had rotated its keys. */
  revokeTokens(): void;
  movements: ReadonlyMap<string, StoredMovement>;
  /** Forgets a stored movement, as if DWT had never had it (a later PUT to it is a 404). */
  forgetMovement(wasteTrackingId: string): boolean;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const MAX_BODY_BYTES = 1024 * 1024;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REFERENCE_LISTS = new Map<string, keyof ReferenceData>([
  ['ewc-codes', 'ewcCodes'],
  ['hazardous-property-codes', 'hazardousPropertyCodes'],
  ['disposal-or-recovery-codes', 'disposalOrRecoveryCodes'],
  ['container-types', 'containerTypes'],
  ['pop-names', 'popNames'],
]);

const POST_MOVEMENT = 'POST /movements/receive';
const PUT_MOVEMENT = 'PUT /movements/{wasteTrackingId}/receive';
const TOKEN = 'POST /oauth2/token';
const APPROVAL_TESTS = 'POST /production-approval-tests';

function emptyStats(): SandboxStats {
  return { requests: {}, postAttempts: 0, postsInFlight: 0, acceptedPosts: {}, tokenRequests: 0 };
}

/** Hapi/Boom-style error body, as DEFRA's services answer outside validation. */
function boom(statusCode: number, error: string, message: string): Json {
  return { statusCode, error, message };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Basic credentials, each form-decoded (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

type Route = { endpoint: string } & (
  | { kind: 'token' }
  | { kind: 'post' }
  | { kind: 'unknown' }
  | { kind: 'put'; wasteTrackingId: string }
  | { kind: 'list'; list: keyof ReferenceData }
  | { kind: 'approval-tests' }
);

function routeOf(method: string, pathname: string): Route {
  if (method === 'POST' && pathname === '/oauth2/token') return { kind: 'token', endpoint: TOKEN };
  if (method === 'POST' && pathname === '/movements/receive') return { kind: 'post', endpoint: POST_MOVEMENT };
  if (method === 'POST' && pathname === '/production-approval-tests') return { kind: 'approval-tests', endpoint: APPROVAL_TESTS };
  // Ids are A-Z0-9, so one that needs decoding cannot exist and is left as sent.
  const put = /^\/movements\/([^/]+)\/receive$/.exec(pathname)?.[1];
  if (method === 'PUT' && put) return { kind: 'put', endpoint: PUT_MOVEMENT, wasteTrackingId: put };
  const list = REFERENCE_LISTS.get(/^\/reference-data\/([a-z-]+)$/.exec(pathname)?.[1] ?? '');
  if (method === 'GET' && list) return { kind: 'list', endpoint: `GET ${pathname}`, list };
  return { kind: 'unknown', endpoint: `${method} (unknown path)` };
}

export async function startDwtSandbox(opts: SandboxOptions = {}): Promise<DwtSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const clientId = opts.clientId ?? SANDBOX_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? SANDBOX_CLIENT_SECRET;
  const apiCodes = [...new Set([...SANDBOX_API_CODES, ...(opts.apiCodes ?? [])])];
  const acceptedApiCodes = new Set(apiCodes.map((code) => code.toLowerCase()));
  const random = opts.random ?? Math.random;
  const referenceData: ReferenceData = { ...bundledReferenceData, ...opts.referenceData };
  const baseLookups = opts.referenceData ? createLookups(referenceData) : bundledLookups();
  // Rebuilt only when the withdrawn codes change, so the validation schema stays memoised.
  let lookupsFor = { withdrawn: '', lookups: baseLookups };
  const currentLookups = (): ReferenceLookups => {
    const withdrawn = knobs.withdrawnEwcCodes.join(',');
    if (withdrawn !== lookupsFor.withdrawn) {
      const gone = new Set(knobs.withdrawnEwcCodes);
      lookupsFor = {
        withdrawn,
        lookups: gone.size === 0 ? baseLookups : { ...baseLookups, isKnownEwcCode: (code: string) => !gone.has(code) && baseLookups.isKnownEwcCode(code) },
      };
    }
    return lookupsFor.lookups;
  };

  let knobs: SandboxKnobs = { ...DEFAULT_KNOBS, ...opts.knobs };
  let stats = emptyStats();
  const tokens = new Map<string, number>(); // token → expiry (epoch ms)
  const movements = new Map<string, StoredMovement>();
  let currentSecond = { startedAt: 0, requests: 0 }; // for maxRequestsPerSecond

  const count = (endpoint: string, status: number | 'dropped') => {
    const byStatus = (stats.requests[endpoint] ??= {});
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  };

  function send(res: ServerResponse, endpoint: string, status: number, body?: unknown, headers: Record<string, string> = {}) {
    count(endpoint, status);
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  const chargeHeader = (): Record<string, string> =>
    knobs.serviceChargeExpiry === undefined ? {} : { 'service-charge-expiry-date': knobs.serviceChargeExpiry };

  function newWasteTrackingId(): string {
    const year = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
    for (;;) {
      let id = year;
      for (let i = 0; i < 6; i += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
      if (!movements.has(id)) return id;
    }
  }

  function latency(): number {
    const { latencyMs } = knobs;
    return typeof latencyMs === 'number' ? latencyMs : latencyMs.min + random() * (latencyMs.max - latencyMs.min);
  }

  /** The misbehaviour the knobs ask for, if any, before the request is handled. */
  function chaos(): { status: number; headers?: Record<string, string> } | undefined {
    const now = Date.now();
    if (now - currentSecond.startedAt >= 1000) currentSecond = { startedAt: now, requests: 0 };
    currentSecond.requests += 1;
    if (knobs.maxRequestsPerSecond !== undefined && currentSecond.requests > knobs.maxRequestsPerSecond) {
      return { status: 429, headers: { 'retry-after': '1' } };
    }
    if (random() < knobs.rate429) {
      const { retryAfterSeconds } = knobs;
      return { status: 429, headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) } };
    }
    if (random() < knobs.rate5xx) return { status: [500, 502, 503][Math.floor(random() * 3)] ?? 500 };
    return undefined;
  }

  function bearerIsLive(req: IncomingMessage): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : tokens.get(token);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  function handleToken(req: IncomingMessage, res: ServerResponse, body: string) {
    stats.tokenRequests += 1;
    const credentials = basicCredentials(req.headers.authorization);
    if (!credentials || credentials.id !== clientId || credentials.secret !== clientSecret) {
      return send(res, TOKEN, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="dwt"' });
    }
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
      return send(res, TOKEN, 400, { error: 'unsupported_grant_type' });
    }
    const token = randomBytes(32).toString('base64url');
    tokens.set(token, Date.now() + knobs.tokenTtlSeconds * 1000);
    send(res, TOKEN, 200, { access_token: token, expires_in: knobs.tokenTtlSeconds, token_type: 'Bearer' });
  }

  /** A parsed movement body, or the answer already sent for a body DWT would refuse before validating. */
  function readMovement(res: ServerResponse, endpoint: string, text: string): Json | undefined {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      send(res, endpoint, 400, boom(400, 'Bad Request', 'Invalid request payload JSON format'));
      return undefined;
    }
    const body = parsed.value as Json;
    const apiCode = typeof body === 'object' && body !== null ? body.apiCode : undefined;
    const code = typeof apiCode === 'string' ? apiCode.toLowerCase() : '';
    if (UUID.test(code) && (!acceptedApiCodes.has(code) || knobs.revokedApiCodes.some((c) => c.toLowerCase() === code))) {
      send(res, endpoint, 400, { validation: { errors: [{ key: 'apiCode', errorType: 'InvalidValue', message: API_CODE_INVALID_MESSAGE }] } });
      return undefined;
    }
    if (knobs.unpaidApiCodes.some((c) => c.toLowerCase() === code)) {
      send(res, endpoint, 402, boom(402, 'Payment Required', PAYMENT_REQUIRED_MESSAGE));
      return undefined;
    }
    return body;
  }

  function handlePost(req: IncomingMessage, res: ServerResponse, text: string) {
    const body = readMovement(res, POST_MOVEMENT, text);
    if (body === undefined) return;
    const result = validateReceiveMovement(body, currentLookups());
    if (!result.ok) return send(res, POST_MOVEMENT, 400, { validation: { errors: result.errors } });

    const wasteTrackingId = newWasteTrackingId();
    const apiCode = typeof body.apiCode === 'string' ? body.apiCode.toLowerCase() : undefined;
    movements.set(wasteTrackingId, { wasteTrackingId, body, createdAt: new Date(), updates: 0, apiCode });
    const reference = typeof body.yourUniqueReference === 'string' ? body.yourUniqueReference : createHash('sha256').update(text).digest('hex');
    stats.acceptedPosts[reference] = (stats.acceptedPosts[reference] ?? 0) + 1;

    if (knobs.dropAfterReadingPost) {
      count(POST_MOVEMENT, 'dropped');
      req.socket.destroy();
      return;
    }
    const warnings = warningsFor(result.value);
    send(res, POST_MOVEMENT, 201, { wasteTrackingId, ...(warnings.length ? { validation: { warnings } } : {}) }, chargeHeader());
  }

  function handlePut(res: ServerResponse, wasteTrackingId: string, text: string) {
    const body = readMovement(res, PUT_MOVEMENT, text);
    if (body === undefined) return;
    const stored = movements.get(wasteTrackingId);
    if (!stored) return send(res, PUT_MOVEMENT, 404, boom(404, 'Not Found', 'Movement not found'));
    const result = validateReceiveMovement(body, currentLookups());
    if (!result.ok) return send(res, PUT_MOVEMENT, 400, { validation: { errors: result.errors } });
    if (stored.apiCode !== undefined && String(body.apiCode).toLowerCase() !== stored.apiCode) {
      const message = 'The movement was created by another organisation: only the organisation that created it can update it';
      return send(res, PUT_MOVEMENT, 400, { validation: { errors: [{ key: 'submittingOrganisation', errorType: 'BusinessRuleViolation', message }] } });
    }

    movements.set(wasteTrackingId, { ...stored, body, updates: stored.updates + 1 });
    const warnings = warningsFor(result.value);
    send(res, PUT_MOVEMENT, 200, warnings.length ? { validation: { warnings } } : {}, chargeHeader());
  }

  /** POST /production-approval-tests: DWT's content checks on the movements stored here. */
  function handleApprovalTests(res: ServerResponse, text: string) {
    const parsed = parseJson(text);
    if (!parsed.ok) return send(res, APPROVAL_TESTS, 400, boom(400, 'Bad Request', 'Invalid request payload JSON format'));
    const answer = assessApprovalTests(parsed.value, movements);
    send(res, APPROVAL_TESTS, answer.status, answer.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const route = routeOf(req.method ?? 'GET', new URL(req.url ?? '/', 'http://sandbox').pathname);
    const text = await readBody(req);
    if (route.kind === 'post') {
      stats.postAttempts += 1;
      stats.postsInFlight += 1;
      res.once('close', () => (stats.postsInFlight -= 1));
    }
    if (text === undefined) {
      return send(res, route.endpoint, 413, boom(413, 'Payload Too Large', 'Payload content length greater than maximum allowed'));
    }
    if (knobs.down === '503') return send(res, route.endpoint, 503, boom(503, 'Service Unavailable', 'Service Unavailable'));
    if (route.kind === 'token') return handleToken(req, res, text);
    if (route.kind === 'unknown') return send(res, route.endpoint, 404, boom(404, 'Not Found', 'Not Found'));

    const delay = latency();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const misbehaviour = chaos();
    if (misbehaviour) {
      const { status, headers } = misbehaviour;
      return send(res, route.endpoint, status, boom(status, 'Sandbox knob', `Answered ${status} on purpose`), headers);
    }
    if (!bearerIsLive(req)) {
      return send(res, route.endpoint, 401, boom(401, 'Unauthorized', 'Invalid or expired token'), {
        'www-authenticate': 'Bearer',
      });
    }
    if (route.kind === 'post') return handlePost(req, res, text);
    if (route.kind === 'put') return handlePut(res, route.wasteTrackingId, text);
    if (route.kind === 'approval-tests') return handleApprovalTests(res, text);
    send(res, route.endpoint, 200, referenceData[route.list]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 'error', 500, boom(500, 'Internal Server Error', String(error)));
      else res.destroy();
    });
  });

  let port = opts.port ?? 0;
  let listening = false;
  let closed = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port; // keep the same port across 'refuse' and back
        listening = true;
        resolve();
      });
    });
  const stopListening = async () => {
    if (!listening) return;
    listening = false;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    // Let in-process clients see their kept-alive connections close before anyone sends again,
    // or their next request meets a dead socket instead of a refused connection.
    await new Promise((resolve) => setTimeout(resolve, 5));
  };

  await listen();
  if (knobs.down === 'refuse') await stopListening();
  const baseUrl = `http://${host}:${port}`;

  return {
    baseUrl,
    authUrl: baseUrl,
    clientId,
    clientSecret,
    apiCodes,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    async setKnobs(change) {
      knobs = { ...knobs, ...change };
      if (knobs.down === 'refuse') await stopListening();
      else if (!listening && !closed) await listen();
    },
    revokeTokens: () => tokens.clear(),
    movements,
    forgetMovement: (wasteTrackingId) => movements.delete(wasteTrackingId),
    async close() {
      closed = true;
      await stopListening();
    },
  };
}
