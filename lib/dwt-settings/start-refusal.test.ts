// The launcher refuses to start production DWT without WEIGHBOOK_SECRETS_KEY, naming the setting, before
// it starts anything (no database, no data-folder key).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm start without WEIGHBOOK_SECRETS_KEY', () => {
  it('refuses production DWT with a message naming the setting', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'weighbook-no-key-'));
    try {
      const env = { ...process.env, WEIGHBOOK_DATA_DIR: dataDir, DWT_ENVIRONMENT: 'production', LOG_LEVEL: 'error', WEIGHBOOK_SECRETS_KEY: '' }; // empty: not set, and a .env cannot set it
      const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('DWT_ENVIRONMENT is production but WEIGHBOOK_SECRETS_KEY is not set');
      expect(existsSync(path.join(dataDir, 'secrets-key'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
