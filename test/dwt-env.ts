// Points this process (or a child given the settings) at a DWT sandbox started by the test.
import type { DwtSandbox } from '@/lib/dwt/sandbox/server';
import { resetEnvCache } from '@/lib/env';

/** The DWT_* settings for a sandbox. */
export function dwtEnvFor(sandbox: DwtSandbox): Record<string, string> {
  return {
    DWT_ENVIRONMENT: 'sandbox',
    DWT_API_BASE_URL: sandbox.baseUrl,
    DWT_AUTH_URL: sandbox.authUrl,
    DWT_CLIENT_ID: sandbox.clientId,
    DWT_CLIENT_SECRET: sandbox.clientSecret,
    DWT_API_CODE: sandbox.apiCodes[0]!,
  };
}

/** Sends this process's DWT calls to the sandbox (plus any other settings given), read afresh. */
export function pointAppAt(sandbox: DwtSandbox, extra: Record<string, string> = {}): void {
  Object.assign(process.env, dwtEnvFor(sandbox), extra);
  resetEnvCache();
}
