// Integration tests run against a real PostgreSQL: the one in TEST_DATABASE_URL when given (npm test
// starts one and passes it), otherwise an embedded one started here in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../lib/postgres/embedded';
import { migrate } from '../lib/postgres/migrate';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let teardown = async () => {};
  if (!url) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weighbook-it-'));
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      password: 'integration',
    });
    await pg.createDatabase('weighbook_integration');
    url = pg.url('weighbook_integration');
    teardown = async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await migrate(url, path.join(import.meta.dirname, '..', 'prisma', 'migrations'));
  project.provide('databaseUrl', url);
  return teardown;
}
