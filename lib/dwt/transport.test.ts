// The node:http transport against real local servers: what it reads, and what it says about a request
// that got no answer (whether any of it can have reached DWT).
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@/test/free-port';
import { MAX_ANSWER_BYTES, nodeTransport, TransportError } from './transport';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(listener: RequestListener): Promise<{ url: string; connections: () => number }> {
  const server = createServer(listener);
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const post = (body = '{"a":1}', timeoutMs = 2_000) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body, timeoutMs });

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('nodeTransport', () => {
  it('sends the body with its length and reads the status, headers and text', async () => {
    const { url } = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('service-charge-expiry-date', '2027-03-31');
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ got: body, length: req.headers['content-length'], type: req.headers['content-type'] }));
      });
    });
    const answer = await nodeTransport(`${url}/movements/receive`, post('{"ü":1}'));
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toEqual({ got: '{"ü":1}', length: '8', type: 'application/json' });
    expect(answer.headers.get('Service-Charge-Expiry-Date')).toBe('2027-03-31');
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(answer.headers.get('retry-after')).toBeNull();
  });

  it('keeps the connection for the next request', async () => {
    const server = await serve((_req, res) => res.end('{}'));
    for (let i = 0; i < 5; i++) await nodeTransport(`${server.url}/x`, { method: 'GET', headers: {}, timeoutMs: 2_000 });
    expect(server.connections()).toBe(1);
  });

  it('reads a compressed answer and drops a byte order mark, as fetch does', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('\ufeff{"ok":true}'));
    });
    expect((await nodeTransport(url, { method: 'GET', headers: {}, timeoutMs: 2_000 })).text).toBe('{"ok":true}');
  });

  it('refused connection: nothing left this machine', async () => {
    const error = await failure(nodeTransport(`http://127.0.0.1:${await freePort()}/movements/receive`, post()));
    expect(error).toMatchObject({ code: 'ECONNREFUSED', sent: 'no' });
  });

  it('no answer in time after connecting: DWT may have the request', async () => {
    const { url } = await serve(() => {}); // reads and never answers
    const error = await failure(nodeTransport(url, post('{}', 150)));
    expect(error).toMatchObject({ code: 'TIMEOUT', sent: 'maybe' });
    expect(error.message).toMatch(/no answer within 150 ms/);
  });

  it('a connection cut in the middle of the answer: DWT may have the request', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(201, { 'content-length': '100' });
      res.write('{"wasteTrackingId":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await failure(nodeTransport(url, post()))).toMatchObject({ sent: 'maybe' });
  });

  it('an answer past the bound is not read into memory', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const { url } = await serve((_req, res) => {
      res.writeHead(200);
      const write = (n: number) => (n === 0 ? res.end() : res.write(chunk, () => write(n - 1)));
      write(MAX_ANSWER_BYTES / chunk.length + 2);
    });
    const error = await failure(nodeTransport(url, { method: 'GET', headers: {}, timeoutMs: 5_000 }));
    expect(error).toMatchObject({ code: 'ANSWER_TOO_LARGE', sent: 'maybe' });
  });

  it('refuses a protocol other than http and https', async () => {
    expect(await failure(nodeTransport('ftp://example.invalid/x', post()))).toMatchObject({ code: 'UNSUPPORTED_PROTOCOL', sent: 'no' });
  });
});
