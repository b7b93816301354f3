import 'server-only';
// How a request to DWT travels: node:http(s) with keep-alive connections, by default. fetch (undici)
// allocates some fifty kilobytes of short-lived objects per request (web streams, a Request, a Response,
// their signals), and a worker sending 200 a second kept much of it long enough to reach the old heap:
// its peak heap was about five times its baseline (bench/delivery-flush.ts). This transport reads the
// answer into one buffer and nothing more. The client's tests still pass a fetch of their own
// (fetchTransport), so the outcome table is tested the same way whichever carries the request.
//
// It also knows something fetch cannot say: whether the connection (and its TLS handshake) was ever
// made. A failure before that means the request never left this machine, so a POST is safe to retry.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** A request that got no answer. `sent`: whether any of it can have reached DWT. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly sent: 'no' | 'maybe',
  ) {
    super(message);
  }
}

export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>;

/** DWT's largest answers are reference lists of a few hundred kilobytes; anything past this is not DWT. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/** Idle connections are closed after this (or a second before the server's own Keep-Alive timeout), as undici does. */
const IDLE_SOCKET_MS = 4_000;

const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
};

function decode(body: Buffer, encoding: string | undefined): Buffer {
  // Nothing asks for compression, but a proxy may still apply it: read it as fetch would.
  const options = { maxOutputLength: MAX_ANSWER_BYTES };
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body, options);
    case 'deflate':
      return zlib.inflateSync(body, options);
    case 'br':
      return zlib.brotliDecompressSync(body, options);
    default:
      return body;
  }
}

/** One request over node:http(s); rejects with a TransportError when no whole answer came. */
export const nodeTransport: Transport = (url, { method, headers, body, timeoutMs }) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      reject(new TransportError(`unsupported protocol ${target.protocol}`, 'UNSUPPORTED_PROTOCOL', 'no'));
      return;
    }
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    // Whether the connection (and TLS) was made: until then nothing of the request can have left.
    let connected = false;
    let settled = false;
    const request = (secure ? https : http).request(target, {
      method,
      agent: agents[secure ? 'https:' : 'http:'],
      headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
    });
    const finish = (error: TransportError | undefined, response?: TransportResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(response!);
    };
    const fail = (message: string, code: string | undefined) => finish(new TransportError(message, code, connected ? 'maybe' : 'no'));
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`, 'TIMEOUT'), timeoutMs);

    request.once('socket', (socket) => {
      // A kept-alive socket is connected already; a new one once its TCP (and TLS) handshake is done.
      // (Were a new socket's TCP connected before this, it counts as connected: the cautious side.)
      if (!socket.connecting) connected = true;
      else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true));
    });
    // on, not once: a second error (as the request is torn down) must never go unheard and crash the process.
    request.on('error', (error: NodeJS.ErrnoException) => fail(error.message, error.code));
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) fail(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`, 'ANSWER_TOO_LARGE');
        else chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) => fail(error.message, error.code));
      response.once('aborted', () => fail('the connection closed before the whole answer came', 'ECONNRESET'));
      response.once('end', () => {
        let text: string;
        try {
          text = decode(Buffer.concat(chunks, size), response.headers['content-encoding']).toString('utf8');
        } catch (error) {
          fail(`the answer could not be decoded: ${(error as Error).message}`, 'BAD_ENCODING');
          return;
        }
        const raw = response.headers;
        finish(undefined, {
          status: response.statusCode ?? 0,
          headers: {
            get: (name) => {
              const value = raw[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
            },
          },
          // As fetch's text(): a byte order mark is not part of the text.
          text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
        });
      });
    });
    request.end(payload);
  });

/**
 * The same over a fetch function (the client's tests pass one that answers as DWT would). Its failures
 * are fetch's own errors, which the client reads by name and code.
 */
export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (url, { method, headers, body, timeoutMs }) => {
    // A timer of our own, cleared once the answer is read: AbortSignal.timeout() would keep the whole
    // request and response alive until the timeout would have fired.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    try {
      // A redirect is not part of the protocol: surface it rather than resend a body elsewhere.
      const response = await fetchImpl(url, { method, headers, body, redirect: 'manual', signal: abort.signal });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } finally {
      clearTimeout(timer);
    }
  };
}
