// DWT's environments and servers, and what counts as this machine: shared by the DWT_* settings
// (./config.ts) and the DWT connection form (lib/dwt-settings/schema.ts). No server imports: the form's
// resolver runs in the browser.

export const DWT_ENVIRONMENTS = ['sandbox', 'test', 'production'] as const;
/** Only 'production' receives personal data; every other environment gets placeholders. */
export type DwtEnvironment = (typeof DWT_ENVIRONMENTS)[number];

/** The spec's `servers`: DWT's own hosts, used to catch an environment that contradicts its URL. */
export const DWT_SERVERS = {
  production: 'https://waste-tracking.api.defra.gov.uk',
  test: 'https://waste-tracking.integration.api.defra.gov.uk',
} as const;

/** Which of DWT's servers a URL is, if any. */
export function environmentOfServer(url: string): 'production' | 'test' | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  if (origin === DWT_SERVERS.production) return 'production';
  if (origin === DWT_SERVERS.test) return 'test';
  return undefined;
}

/** This machine: plain http is acceptable there (the built-in sandbox, a local proxy). */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}
