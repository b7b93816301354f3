// Ports at start: a taken port is named, with the setting that changes it, instead of a bare crash;
// the embedded PostgreSQL, when EMBEDDED_PG_PORT is not set, simply takes a free port and remembers
// it in the data folder (the data lives in the folder, not the port, so nothing is lost if it changes).
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** A start-up problem with its cause and the setting to change, said to the person as is. */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}

/** Whether nothing listens on the port right now (on 127.0.0.1, or on every address when host is undefined). */
export function portIsFree(port: number, host: string | undefined = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
export const EMBEDDED_PORT_FILE = 'postgres-port';

/** The port the embedded PostgreSQL of this data folder uses (or last used): for `npm run worker`. */
export async function rememberedEmbeddedPort(dataDir: string): Promise<number | undefined> {
  const n = Number((await readFile(path.join(dataDir, EMBEDDED_PORT_FILE), 'utf8').catch(() => '')).trim());
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

/**
 * The embedded PostgreSQL's port. Set (EMBEDDED_PG_PORT): that one, or a StartError naming the setting
 * when something else listens there. Not set: the one used last time if it is free, else 54329 if free,
 * else any free port; remembered in the data folder.
 */
export async function chooseEmbeddedPort({ dataDir, configured }: { dataDir: string; configured: number | undefined }): Promise<number> {
  if (configured !== undefined) {
    if (await portIsFree(configured)) return configured;
    throw new StartError(
      `Port ${configured} (EMBEDDED_PG_PORT) is already in use by another program, perhaps another Weighbook. ` +
        'Stop it, set EMBEDDED_PG_PORT to a free port, or leave EMBEDDED_PG_PORT unset to have a free port chosen.',
    );
  }
  const remembered = await rememberedEmbeddedPort(dataDir);
  let port: number | undefined;
  for (const candidate of [remembered, DEFAULT_EMBEDDED_PG_PORT]) {
    if (candidate !== undefined && (await portIsFree(candidate))) {
      port = candidate;
      break;
    }
  }
  port ??= await anyFreePort();
  if (port !== remembered) await writeFile(path.join(dataDir, EMBEDDED_PORT_FILE), `${port}\n`);
  return port;
}

/** A listen error as a StartError naming the setting, or the error itself. */
export function portProblem(error: unknown, port: number, setting: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new StartError(`Port ${port} (${setting}) is already in use by another program: stop it, or set ${setting} to a free port.`);
  if (code === 'EACCES') return new StartError(`Port ${port} (${setting}) cannot be used without special rights: set ${setting} to a port above 1024.`);
  return error;
}

/** Words for any thrown value (some libraries reject with undefined or a string). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string' && error) return error;
  return `an unexpected failure (${String(error)})`;
}
