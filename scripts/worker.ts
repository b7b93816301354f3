// `npm run worker`: a delivery worker on its own, for larger sites (run as many as you like, on any
// machine that reaches the database). Uses DATABASE_URL, or the embedded database of a running
// `npm start` in the same folder.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { env, EnvError, resetEnvCache } from '../lib/env';
import { logger } from '../lib/logger';

async function main() {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (!env().DATABASE_URL) {
    const dataDir = path.resolve(env().WEIGHBOOK_DATA_DIR);
    const password = (await readFile(path.join(dataDir, 'postgres-password'), 'utf8').catch(() => '')).trim();
    if (!password) {
      process.stderr.write('No DATABASE_URL, and no embedded database here: start the app first (npm start) or set DATABASE_URL.\n');
      process.exit(1);
    }
    const { rememberedEmbeddedPort, DEFAULT_EMBEDDED_PG_PORT } = await import('../lib/postgres/ports');
    const pgPort = env().EMBEDDED_PG_PORT ?? (await rememberedEmbeddedPort(dataDir)) ?? DEFAULT_EMBEDDED_PG_PORT;
    process.env.DATABASE_URL = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/weighbook`;
    // And that app's built-in DWT sandbox, unless real DWT settings are given.
    const sandboxSecret = (await readFile(path.join(dataDir, 'sandbox-client-secret'), 'utf8').catch(() => '')).trim();
    if (!env().DWT_API_BASE_URL && sandboxSecret) {
      const url = `http://127.0.0.1:${env().DWT_SANDBOX_PORT}`;
      Object.assign(process.env, {
        DWT_ENVIRONMENT: 'sandbox',
        DWT_API_BASE_URL: url,
        DWT_AUTH_URL: url,
        DWT_CLIENT_ID: 'weighbook-sandbox',
        DWT_CLIENT_SECRET: sandboxSecret,
      });
    }
    resetEnvCache();
  }
  // The saved DWT settings' secret needs the web app's secrets key (production: WEIGHBOOK_SECRETS_KEY).
  const keyProblem = await (await import('../lib/dwt-settings/service')).secretsKeyStartProblem();
  if (keyProblem) {
    process.stderr.write(`${keyProblem}\n`);
    process.exit(1);
  }
  const { startDeliveryWorker } = await import('../lib/delivery/worker');
  const worker = startDeliveryWorker({ maxSendRate: env().DWT_MAX_SEND_RATE });
  logger.info('delivery worker started', { id: worker.id, maxSendRate: env().DWT_MAX_SEND_RATE });
  const stop = async () => {
    await worker.stop();
    logger.info('delivery worker stopped', { id: worker.id, sent: worker.sent() });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  logger.error('worker could not start', { error });
  process.exit(1);
});
