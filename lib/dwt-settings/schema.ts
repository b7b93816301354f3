// The DWT connection form: the same rules as the DWT_* settings (lib/dwt/config.ts), so the page, the
// server and the environment agree. No server imports: the form's resolver uses this too.
import { z } from 'zod';
import { DWT_ENVIRONMENTS, DWT_SERVERS, environmentOfServer, isLocalUrl, type DwtEnvironment } from '@/lib/dwt/servers';

export { DWT_ENVIRONMENTS, DWT_SERVERS, environmentOfServer, isLocalUrl, type DwtEnvironment } from '@/lib/dwt/servers';

export const dwtEnvironmentLabels: Record<DwtEnvironment, string> = {
  sandbox: 'Sandbox (a DWT stand-in; personal data replaced)',
  test: 'Test ("integration"; personal data replaced)',
  production: 'Production (real reports, with personal data)',
};

const urlField = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${name}`)
    .refine((v) => {
      if (v === '') return true; // "Enter the …" says it already
      try {
        return ['http:', 'https:'].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `Enter the ${name} as a web address, such as https://waste-tracking.api.defra.gov.uk`)
    .transform((v) => v.replace(/\/+$/, ''));

export const dwtSettingsSchema = z
  .object({
    environment: z.enum(DWT_ENVIRONMENTS, { message: 'Choose the DWT environment' }),
    apiBaseUrl: urlField('API URL'),
    authUrl: urlField('auth URL'),
    clientId: z.string().trim().min(1, 'Enter the client id').max(200, 'The client id must be 200 characters or fewer'),
    /** Write-only: blank keeps the secret already saved. Never sent back to the browser. */
    clientSecret: z.string().max(500, 'The client secret must be 500 characters or fewer').default(''),
  })
  .superRefine((v, ctx) => {
    const server = environmentOfServer(v.apiBaseUrl);
    // Personal data goes only to production, so the environment must not contradict the URL.
    if (server && server !== v.environment) {
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        message: `The API URL is DWT's ${server} server: choose ${server === 'production' ? 'Production' : 'Test'}, or change the URL`,
      });
    }
    // Production is the one environment that receives personal data: only DWT's own production server.
    if (v.environment === 'production' && !server) {
      ctx.addIssue({
        code: 'custom',
        path: ['apiBaseUrl'],
        message: `Production sends personal data, so the API URL must be DWT's production server, ${DWT_SERVERS.production}`,
      });
    }
    if (v.environment !== 'sandbox') {
      for (const [field, name] of [
        ['apiBaseUrl', 'API URL'],
        ['authUrl', 'auth URL'],
      ] as const) {
        if (v[field].startsWith('http://') && !isLocalUrl(v[field])) {
          ctx.addIssue({ code: 'custom', path: [field], message: `The ${name} must start with https:// outside the sandbox` });
        }
      }
    }
  });

export type DwtSettingsInput = z.input<typeof dwtSettingsSchema>;
export type DwtSettingsValues = z.output<typeof dwtSettingsSchema>;

/** What the page may know about the connection: never the secret, only whether one is saved. */
export interface DwtSettingsView {
  /** Where the connection in use comes from. */
  source: 'saved' | 'environment' | 'built-in sandbox';
  /** The connection in use (without its secret), or undefined when it cannot be resolved. */
  effective?: { environment: DwtEnvironment; apiBaseUrl: string; authUrl: string; clientId: string };
  /** Why the connection cannot be used, in plain words. */
  problem?: string;
  saved?: {
    environment: DwtEnvironment;
    apiBaseUrl: string;
    authUrl: string;
    clientId: string;
    secretSetAt: string;
    secretSetBy: string | null;
    updatedAt: string;
    updatedBy: string | null;
  };
  /** Whether secrets can be saved in this installation (a key is available). */
  canSaveSecrets: boolean;
  /** Whether the key comes from WEIGHBOOK_SECRETS_KEY (production settings need it). */
  keyFromEnvironment: boolean;
}

export interface ConnectionStep {
  ok: boolean;
  message: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  steps: ConnectionStep[];
}
