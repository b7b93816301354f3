// The DWT client this process uses, one per connection so its token cache is shared: for the delivery
// queue, the reference-data refresh and the status page alike.
import 'server-only';
import { createHash } from 'node:crypto';
import { createDwtClient, type DwtClient, type DwtClientOptions } from '@/lib/dwt/client';
import type { DwtConfig } from '@/lib/dwt/config';

/** configuration → (options → client). Only the latest configuration's clients are kept. */
const clients = new Map<string, Map<string, DwtClient>>();

/** Retries while a person waits are short; the queue retries for longer later. */
export const INTERACTIVE_RETRY: DwtClientOptions['retry'] = { maxAttempts: 3, maxTotalDelayMs: 3_000 };

/** The client for a connection (usually `dwtConfigInUse()`), shared by every caller with the same options. */
export function dwtClientFor(config: DwtConfig, options: DwtClientOptions = {}): DwtClient {
  // A digest, so the map holds no secret; a new configuration drops the clients (and tokens) of the old.
  const configKey = createHash('sha256')
    .update(JSON.stringify([config.environment, config.apiBaseUrl, config.authUrl, config.clientId, config.clientSecret]))
    .digest('base64url');
  let forConfig = clients.get(configKey);
  if (!forConfig) {
    clients.clear();
    forConfig = new Map();
    clients.set(configKey, forConfig);
  }
  const optionsKey = JSON.stringify([options.retry, options.timeouts]);
  let client = forConfig.get(optionsKey);
  if (!client) {
    client = createDwtClient(config, options);
    forConfig.set(optionsKey, client);
  }
  return client;
}
