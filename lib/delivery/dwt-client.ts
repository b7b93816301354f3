// The DWT client this process uses, one per configuration so its token cache is shared.
import 'server-only';
import { createDwtClient, type DwtClient, type DwtClientOptions } from '@/lib/dwt/client';
import { dwtConfig, type DwtConfig } from '@/lib/dwt/config';

const clients = new Map<string, DwtClient>();

/** Retries while a person waits are short; the queue retries for longer later. */
export const INTERACTIVE_RETRY: DwtClientOptions['retry'] = { maxAttempts: 3, maxTotalDelayMs: 3_000 };

export function currentDwtConfig(): DwtConfig {
  return dwtConfig();
}

export function dwtClientFor(config: DwtConfig, options: DwtClientOptions = {}): DwtClient {
  const key = JSON.stringify([config.environment, config.apiBaseUrl, config.authUrl, config.clientId, config.clientSecret, options.retry]);
  let client = clients.get(key);
  if (!client) {
    client = createDwtClient(config, options);
    clients.set(key, client);
  }
  return client;
}
