// Browser tests: Debian's chromium (Playwright's own browser download cannot work on our machines),
// the real app started by the real launcher against a real PostgreSQL and the built-in DWT sandbox.
// Run through `npm test` (or `npm run test:e2e`), which prepares the database and E2E_* settings.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'first-run', testMatch: /first-run\.spec\.ts/ },
    { name: 'setup', testMatch: /.*\.setup\.ts/, dependencies: ['first-run'] },
    { name: 'chromium', dependencies: ['setup'], testIgnore: /(first-run|dwt-faults(-[a-z-]+)?|last-admin)\.spec\.ts/, use: { browserName: 'chromium' } },
    // These turn the one sandbox's knobs, or disable every other admin for a moment, so they run
    // alone, after everything else, one file after the other (two files at once would turn each other's knobs).
    { name: 'dwt-faults', dependencies: ['chromium'], testMatch: /dwt-faults\.spec\.ts/, use: { browserName: 'chromium' } },
    { name: 'dwt-faults-holds', dependencies: ['dwt-faults'], testMatch: /dwt-faults-holds\.spec\.ts/, use: { browserName: 'chromium' } },
    { name: 'last-admin', dependencies: ['dwt-faults-holds'], testMatch: /last-admin\.spec\.ts/, use: { browserName: 'chromium' } },
  ],
  webServer: {
    command: 'node --conditions=react-server --import tsx scripts/start.ts',
    url: `${baseURL}/api/health`,
    timeout: 600_000, // the first start builds the app; generous for a busy 2-core machine
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_OPTIONS: '',
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      WEIGHBOOK_DATA_DIR: process.env.E2E_DATA_DIR ?? '.data/e2e',
      // The sandbox's control port is port + 2 (e2e/support/sandbox.ts).
      DWT_SANDBOX_PORT: String(port + 1),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: 'e2e-only-secret-that-is-at-least-32-characters',
      DEMO_DATA: 'off',
      PASSWORD_HASH_COST: '4',
      LOG_LEVEL: 'warn',
    },
  },
});
