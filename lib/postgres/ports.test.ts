import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseEmbeddedPort, describeError, EMBEDDED_PORT_FILE, portIsFree, portProblem, StartError } from './ports';

let dir = '';
const servers: net.Server[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'weighbook-ports-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  await rm(dir, { recursive: true, force: true });
});

/** Something else listening, as a second checkout's database would be. */
async function occupy(port = 0): Promise<number> {
  const srv = net.createServer();
  servers.push(srv);
  await new Promise<void>((resolve) => srv.listen(port, '127.0.0.1', resolve));
  return (srv.address() as net.AddressInfo).port;
}

describe('ports at start', () => {
  it('names EMBEDDED_PG_PORT when the port it sets is taken', async () => {
    const taken = await occupy();
    const error = await chooseEmbeddedPort({ dataDir: dir, configured: taken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as Error).message).toContain(`Port ${taken} (EMBEDDED_PG_PORT) is already in use`);
  });

  it('uses a set port that is free', async () => {
    const free = await occupy();
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(await chooseEmbeddedPort({ dataDir: dir, configured: free })).toBe(free);
  });

  it('with no setting, keeps the remembered port while it is free and moves on when it is taken', async () => {
    const first = await chooseEmbeddedPort({ dataDir: dir, configured: undefined });
    expect(Number((await readFile(path.join(dir, EMBEDDED_PORT_FILE), 'utf8')).trim())).toBe(first);
    expect(await chooseEmbeddedPort({ dataDir: dir, configured: undefined })).toBe(first);
    await occupy(first);
    const second = await chooseEmbeddedPort({ dataDir: dir, configured: undefined });
    expect(second).not.toBe(first);
    expect(await portIsFree(second)).toBe(true);
    expect(Number((await readFile(path.join(dir, EMBEDDED_PORT_FILE), 'utf8')).trim())).toBe(second);
  });

  it('turns a listen failure into words naming the setting, and describes any thrown value', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    expect((portProblem(inUse, 3100, 'DWT_SANDBOX_PORT') as Error).message).toBe(
      'Port 3100 (DWT_SANDBOX_PORT) is already in use by another program: stop it, or set DWT_SANDBOX_PORT to a free port.',
    );
    expect(describeError(undefined)).toBe('an unexpected failure (undefined)');
    expect(describeError('boom')).toBe('boom');
    expect(describeError(new Error('bad'))).toBe('bad');
  });
});
