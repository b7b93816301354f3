// The one place that reads process.env. Every setting is listed in .env.example with a line about it.
// Validated with zod at start; a bad value stops the app with a message naming the setting.
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url({ message: 'must be a URL such as https://example.org' }).optional());

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const SECRETS_KEY_FORMAT = 'must be 32 random bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)';

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    /** Where the app keeps its embedded database, generated secrets and demo sign-ins. */
    WEIGHBOOK_DATA_DIR: z.string().default('.data'),
    /** Port the web app listens on. */
    PORT: port(3000),
    /** When unset, the app starts its own PostgreSQL in WEIGHBOOK_DATA_DIR. */
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    /** Connections each process keeps open to PostgreSQL at most (the app, and each `npm run worker`). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
    /** Port of the embedded PostgreSQL (only used when DATABASE_URL is unset). Unset: a free one, remembered. */
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Secret that signs session cookies. Generated and kept in the data folder when unset. */
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    /** The address people use to reach the app. */
    NEXTAUTH_URL: optionalUrl,
    /** Hours a session lasts before signing in again. */
    SESSION_MAX_AGE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 7)
      .default(10),
    /** argon2id cost for password hashes: memory 2^(cost+2) KiB (12 = 16 MiB, about 0.1-0.2 s here; tests use 4). */
    PASSWORD_HASH_COST: z.coerce.number().int().min(4).max(15).default(12),
    /**
     * on | off: the app sits behind a reverse proxy that sets X-Forwarded-For, and sign-in throttling
     * should use the address that proxy saw. Off: the connection's own address (a header is ignored).
     */
    TRUST_PROXY: z.enum(['on', 'off']).default('off'),
    /** First administrator, created at start when no administrator exists. */
    ADMIN_EMAIL: optionalString.pipe(z.email({ message: 'must be an email address' }).optional()),
    ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'must be at least 12 characters').optional()),
    /** Seed the demo site and users. Defaults to on with the embedded database, off otherwise. */
    DEMO_DATA: z.enum(['on', 'off']).optional(),
    /** debug | info | warn | error */
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

    // DWT connection (the DWT client issue fills these in; unset means the built-in sandbox).
    DWT_ENVIRONMENT: z.enum(['sandbox', 'test', 'production']).optional(),
    DWT_API_BASE_URL: optionalUrl,
    DWT_AUTH_URL: optionalUrl,
    DWT_CLIENT_ID: optionalString,
    DWT_CLIENT_SECRET: optionalString,
    DWT_API_CODE: optionalString.pipe(z.uuid({ message: 'must be a UUID' }).optional()),
    /** Port of the weighbridge indicator simulator `npm start` runs for the demo site (embedded defaults only). */
    INDICATOR_SIM_PORT: port(3110),
    /** Port of the built-in DWT sandbox. */
    DWT_SANDBOX_PORT: port(3100),
    /** Requests per second to DWT for all workers together (DWT's soft limit is about 200). */
    DWT_MAX_SEND_RATE: z.coerce.number().positive().max(200).default(100),
    /** on | off: send queued loads from the web app's own process (turn off when running `npm run worker`s only). */
    DELIVERY_WORKER_IN_APP: z.enum(['on', 'off']).default('on'),
    /**
     * Key that encrypts secrets stored in the database (the DWT client secret): 32 random bytes as
     * 64 hex characters or base64. Required when DWT is production; otherwise generated into the data folder.
     */
    WEIGHBOOK_SECRETS_KEY: optionalString.pipe(
      z
        .string()
        .refine((v) => decodeSecretsKey(v) !== undefined, SECRETS_KEY_FORMAT)
        .optional(),
    ),
    /**
     * Key that encrypts backups (lib/backup): 32 random bytes as 64 hex characters or base64. Unset: backups
     * are not encrypted. Keep a copy away from this PC: a backup cannot be restored without it.
     */
    WEIGHBOOK_BACKUP_KEY: optionalString.pipe(
      z
        .string()
        .refine((v) => decodeSecretsKey(v) !== undefined, SECRETS_KEY_FORMAT)
        .optional(),
    ),
    /** The previous key while rotating: secrets it encrypted can still be read, and are re-encrypted on save. */
    WEIGHBOOK_SECRETS_KEY_PREVIOUS: optionalString.pipe(
      z
        .string()
        .refine((v) => decodeSecretsKey(v) !== undefined, SECRETS_KEY_FORMAT)
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if ((env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) || (!env.ADMIN_EMAIL && env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses a given environment; names every bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value (`PORT=` in .env) means "not set", as it does in .env.example.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and the launcher, which set variables after import. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** A secrets key from its setting: 64 hex characters, or base64 / base64url of exactly 32 bytes. */
export function decodeSecretsKey(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,2}$/.test(v)) return undefined;
  const bytes = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : undefined;
}
