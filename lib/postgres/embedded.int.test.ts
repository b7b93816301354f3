// The embedded database keeps its data across stops, and across a launcher killed with SIGKILL (whose
// orphaned postgres is shut down cleanly and restarted on the same data).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/free-port';
import { startEmbeddedPostgres } from './embedded';
import { migrate } from './migrate';

const root = path.resolve(import.meta.dirname, '..', '..');
let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps committed data across a clean stop and a SIGKILL of its owner', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'weighbook-pg-'));
    const dataDir = path.join(dir, 'pg');
    const port = await freePort();

    const first = await startEmbeddedPostgres({ dataDir, port, password: 'pw' });
    await first.createDatabase('weighbook');
    const url = first.url('weighbook');
    await migrate(url, path.join(root, 'prisma', 'migrations'));
    await query(url, `INSERT INTO site (id, name, updated_at) VALUES (gen_random_uuid(), 'Kept', now())`);
    await first.stop();

    // A launcher in another process starts the server, writes, and is killed without any clean-up.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
        const { startEmbeddedPostgres } = await import(${JSON.stringify(path.join(root, 'lib/postgres/embedded.ts'))});
        const pg = (await import('pg')).default;
        const h = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, password: 'pw' });
        const c = new pg.Client({ connectionString: h.url('weighbook') });
        await c.connect();
        await c.query("INSERT INTO site (id, name, updated_at) VALUES (gen_random_uuid(), 'Written before SIGKILL', now())");
        process.stdout.write('written\\n');
        setInterval(() => {}, 1000);
      `,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('written') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');

    const again = await startEmbeddedPostgres({ dataDir, port, password: 'pw' });
    try {
      const names = (await query(url, 'SELECT name FROM site ORDER BY name')).map((r) => r.name);
      expect(names).toEqual(['Kept', 'Written before SIGKILL']);
      expect((await migrate(url, path.join(root, 'prisma', 'migrations'))).applied).toEqual([]);
    } finally {
      await again.stop();
    }
  }, 60_000);
});
