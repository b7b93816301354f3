import 'server-only';
// Where and as whom Weighbook talks to DWT, resolved from the DWT_* settings. With no connection
// setting at all it is the built-in sandbox; a half-filled set is a mistake and stops with a message
// naming what is missing. Settings saved on the DWT connection page (lib/dwt-settings) override these
// and go through resolveDwtConfig too, so the client takes a plain DwtConfig and never reads settings.
import { env, type Env } from '@/lib/env';
import { DWT_SERVERS, environmentOfServer, isLocalUrl, type DwtEnvironment } from './servers';
import { SANDBOX_API_CODES, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './sandbox/defaults';

export type { DwtEnvironment } from './servers';

export interface DwtConfig {
  /** Only 'production' receives personal data; every other environment gets placeholders. */
  environment: DwtEnvironment;
  /** API root without a trailing slash; paths such as /movements/receive are relative to it. */
  apiBaseUrl: string;
  /** Token host root; the token endpoint is `${authUrl}/oauth2/token`. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  /** The operator's apiCode (a UUID), when one is configured for the whole installation. */
  apiCode?: string;
}

/** The spec's `servers` (DWT's own hosts), defined in ./servers.ts with the form's rules. */
export { DWT_SERVERS };

export class DwtConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DwtConfigError';
  }
}

export type DwtSettings = Pick<
  Env,
  'DWT_ENVIRONMENT' | 'DWT_API_BASE_URL' | 'DWT_AUTH_URL' | 'DWT_CLIENT_ID' | 'DWT_CLIENT_SECRET' | 'DWT_API_CODE' | 'DWT_SANDBOX_PORT'
>;

const CONNECTION_SETTINGS = ['DWT_API_BASE_URL', 'DWT_AUTH_URL', 'DWT_CLIENT_ID', 'DWT_CLIENT_SECRET'] as const;

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/** Resolves a DwtConfig from the given settings (pure, for tests); see dwtConfig() for the app's. */
export function resolveDwtConfig(settings: DwtSettings): DwtConfig {
  const given = CONNECTION_SETTINGS.filter((name) => settings[name] !== undefined);

  if (given.length === 0) {
    if (settings.DWT_ENVIRONMENT && settings.DWT_ENVIRONMENT !== 'sandbox') {
      throw new DwtConfigError(`DWT_ENVIRONMENT is '${settings.DWT_ENVIRONMENT}' but ${CONNECTION_SETTINGS.join(', ')} are not set.`);
    }
    const sandboxUrl = `http://127.0.0.1:${settings.DWT_SANDBOX_PORT}`;
    return {
      environment: 'sandbox',
      apiBaseUrl: sandboxUrl,
      authUrl: sandboxUrl,
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      apiCode: settings.DWT_API_CODE ?? SANDBOX_API_CODES[0],
    };
  }

  const { DWT_API_BASE_URL: base, DWT_AUTH_URL: auth, DWT_CLIENT_ID: clientId, DWT_CLIENT_SECRET: clientSecret } = settings;
  if (!base || !auth || !clientId || !clientSecret) {
    const missing = CONNECTION_SETTINGS.filter((name) => settings[name] === undefined);
    throw new DwtConfigError(
      `Incomplete DWT settings: ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set but ` +
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Set all four, or none to use the built-in sandbox.`,
    );
  }

  const apiBaseUrl = withoutTrailingSlash(base);
  const server = environmentOfServer(apiBaseUrl);
  const environment = settings.DWT_ENVIRONMENT ?? server;
  if (!environment) {
    throw new DwtConfigError(`DWT_ENVIRONMENT must be set (sandbox, test or production): ${apiBaseUrl} is not one of DWT's servers.`);
  }
  // Personal data goes only to production, so the environment must not contradict the URL.
  if (server && environment !== server) {
    throw new DwtConfigError(`DWT_ENVIRONMENT is '${environment}' but DWT_API_BASE_URL is DWT's ${server} server (${apiBaseUrl}).`);
  }
  // Credentials and personal data travel only over TLS, except to the sandbox or this machine.
  for (const [name, url] of [
    ['DWT_API_BASE_URL', apiBaseUrl],
    ['DWT_AUTH_URL', auth],
  ] as const) {
    if (environment !== 'sandbox' && new URL(url).protocol !== 'https:' && !isLocalUrl(url)) {
      throw new DwtConfigError(`${name} must start with https:// outside the sandbox (it is ${url}).`);
    }
  }
  // Production is the one environment that receives personal data: only DWT's own production server.
  if (environment === 'production' && server !== 'production') {
    throw new DwtConfigError(
      `DWT_ENVIRONMENT is 'production' but DWT_API_BASE_URL (${apiBaseUrl}) is not DWT's production server (${DWT_SERVERS.production}): personal data goes nowhere else.`,
    );
  }
  return {
    environment,
    apiBaseUrl,
    authUrl: withoutTrailingSlash(auth),
    clientId,
    clientSecret,
    // The sandbox accepts its own dummy codes, so one is always at hand there.
    apiCode: settings.DWT_API_CODE ?? (environment === 'sandbox' ? SANDBOX_API_CODES[0] : undefined),
  };
}

/** The DWT_* settings of the environment alone; the connection in use may be overridden by settings saved
 * on the DWT connection page: use dwtConfigInUse() (lib/dwt-settings/service.ts) for that. */
export function dwtConfig(): DwtConfig {
  return resolveDwtConfig(env());
}
