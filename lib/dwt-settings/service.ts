import 'server-only';
// The DWT connection saved on the DWT connection page. It overrides the DWT_* settings as a whole set
// (environment, both URLs, client id and secret); removing it falls back to them. The client secret is
// write-only: it is sealed with the secrets key (lib/crypto) before it reaches the database, opened only
// to talk to DWT, and never returned by anything the page can call.
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { availableSecretKeys, secretKeys, secretsKeyProblem } from '@/lib/crypto/keys';
import { openSecret, sealedWithPreviousKey, sealSecret, SecretBoxError } from '@/lib/crypto/secret-box';
import { db } from '@/lib/db';
import { dwtConfig, DwtConfigError, resolveDwtConfig, type DwtConfig } from '@/lib/dwt/config';
import { env } from '@/lib/env';
import { ValidationError, zodFieldErrors } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { listUsers } from '@/lib/users/service';
import { dwtSettingsSchema, type ConnectionTestResult, type DwtEnvironment, type DwtSettingsInput, type DwtSettingsView } from './schema';
import { testConnection, type TestOptions } from './test-connection';

const ROW_ID = 1;
/** Bound into the envelope: the ciphertext opens only as this row's client secret. */
const SECRET_CONTEXT = `dwt_settings:${ROW_ID}:client_secret`;
/** Other processes (workers, the launcher) see a change within this long. */
export const CONFIG_CACHE_MS = 5_000;

type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow() {
  return db().dwtSettings.findUnique({ where: { id: ROW_ID } });
}

function openRowSecret(row: Row): string {
  try {
    return openSecret(row.clientSecretCiphertext, { keys: secretKeys(), context: SECRET_CONTEXT });
  } catch (error) {
    if (error instanceof SecretBoxError) throw new DwtConfigError(`The saved DWT client secret cannot be used: ${error.message}`);
    if (error instanceof Error && error.name === 'SecretsKeyMissingError') {
      throw new DwtConfigError('DWT settings are saved with an encrypted client secret, but no secrets key is available: set WEIGHBOOK_SECRETS_KEY.');
    }
    throw error;
  }
}

/** The saved set as a DwtConfig (same rules as the DWT_* settings), the apiCode still from DWT_API_CODE. */
function configOfRow(row: Row): DwtConfig {
  const e = env();
  return resolveDwtConfig({
    DWT_ENVIRONMENT: row.environment as DwtEnvironment,
    DWT_API_BASE_URL: row.apiBaseUrl,
    DWT_AUTH_URL: row.authUrl,
    DWT_CLIENT_ID: row.clientId,
    DWT_CLIENT_SECRET: openRowSecret(row),
    DWT_API_CODE: e.DWT_API_CODE,
    DWT_SANDBOX_PORT: e.DWT_SANDBOX_PORT,
  });
}

// ---- The connection in use: saved settings over the environment's, cached briefly ----

let cache: { at: number; env: object; config: Promise<DwtConfig> } | undefined;

/**
 * The DWT connection this process should use now: the saved settings when there are some, otherwise the
 * DWT_* settings (or the built-in sandbox). Cached for a few seconds; a save in this process clears it.
 * Throws DwtConfigError with a plain message when neither can be used.
 */
export function dwtConfigInUse(): Promise<DwtConfig> {
  // New settings in the environment (resetEnvCache, as tests and the launcher do) are seen at once too.
  const currentEnv = env();
  if (cache && cache.env === currentEnv && Date.now() - cache.at < CONFIG_CACHE_MS) return cache.config;
  const config = (async () => {
    const row = await readRow();
    return row ? configOfRow(row) : dwtConfig();
  })();
  cache = { at: Date.now(), env: currentEnv, config };
  // A failure is not kept: the next caller looks again.
  config.catch(() => {
    if (cache?.config === config) cache = undefined;
  });
  return config;
}

/** Forget the cached connection (after a save here; tests). */
export function invalidateDwtConfig(): void {
  cache = undefined;
}

/** The form's rules, as field messages (a service called directly gets the same refusal as the action). */
function parseSettings(input: DwtSettingsInput) {
  const parsed = dwtSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(zodFieldErrors(parsed.error));
}

// ---- The page ----

async function namesOf(actor: Actor, ids: (string | null)[]): Promise<Map<string, string>> {
  if (ids.every((id) => !id)) return new Map();
  try {
    return new Map((await listUsers({ actor })).map((u) => [u.id, u.name]));
  } catch {
    return new Map();
  }
}

export async function getDwtSettings({ actor }: { actor: Actor }): Promise<DwtSettingsView> {
  assertCan(actor, 'dwt.manage');
  const row = await readRow();
  const key = availableSecretKeys();
  const view: DwtSettingsView = {
    source: row ? 'saved' : env().DWT_API_BASE_URL || env().DWT_CLIENT_ID ? 'environment' : 'built-in sandbox',
    canSaveSecrets: key !== undefined,
    keyFromEnvironment: key?.source === 'environment',
  };
  if (row) {
    const names = await namesOf(actor, [row.secretSetBy, row.updatedBy]);
    view.saved = {
      environment: row.environment as DwtEnvironment,
      apiBaseUrl: row.apiBaseUrl,
      authUrl: row.authUrl,
      clientId: row.clientId,
      secretSetAt: row.secretSetAt.toISOString(),
      secretSetBy: row.secretSetBy ? (names.get(row.secretSetBy) ?? 'an administrator') : null,
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: row.updatedBy ? (names.get(row.updatedBy) ?? 'an administrator') : null,
    };
  }
  try {
    const c = await dwtConfigInUse();
    view.effective = { environment: c.environment, apiBaseUrl: c.apiBaseUrl, authUrl: c.authUrl, clientId: c.clientId };
  } catch (error) {
    if (!(error instanceof DwtConfigError)) throw error;
    view.problem = error.message;
  }
  return view;
}

/**
 * The secret to use with the form's values: the one typed, else the saved one (or the environment's) —
 * but only towards the same API URL, auth URL and client id it was saved for, so a stored secret (and
 * the bearer token it buys) can never be sent somewhere new without typing it again.
 */
async function secretFor(
  input: { apiBaseUrl: string; authUrl: string; clientId: string; clientSecret: string },
  { allowEnvironment }: { allowEnvironment: boolean },
) {
  if (input.clientSecret) return { secret: input.clientSecret, kept: false, row: await readRow() };
  const row = await readRow();
  const candidates: { apiBaseUrl: string; authUrl: string; clientId: string; secret: () => string }[] = [];
  if (row) candidates.push({ apiBaseUrl: row.apiBaseUrl, authUrl: row.authUrl, clientId: row.clientId, secret: () => openRowSecret(row) });
  else if (allowEnvironment) {
    try {
      const c = dwtConfig();
      candidates.push({ apiBaseUrl: c.apiBaseUrl, authUrl: c.authUrl, clientId: c.clientId, secret: () => c.clientSecret });
    } catch {
      // no usable environment settings
    }
  }
  const match = candidates.find((c) => c.apiBaseUrl === input.apiBaseUrl && c.authUrl === input.authUrl && c.clientId === input.clientId);
  if (match) {
    try {
      return { secret: match.secret(), kept: true, row };
    } catch (error) {
      if (error instanceof DwtConfigError) throw new ValidationError({ clientSecret: ['The saved secret cannot be read: enter the client secret again'] });
      throw error;
    }
  }
  const message =
    candidates.length === 0 ? 'Enter the client secret' : 'Enter the client secret again: the API URL, auth URL or client id differs from the saved ones';
  throw new ValidationError({ clientSecret: [message] });
}

export async function saveDwtSettings({ actor, input }: { actor: Actor; input: DwtSettingsInput }): Promise<DwtSettingsView> {
  assertCan(actor, 'dwt.manage');
  const values = parseSettings(input);
  const key = availableSecretKeys();
  if (!key) {
    throw new ValidationError({ clientSecret: ['Secrets cannot be saved here: set WEIGHBOOK_SECRETS_KEY and restart Weighbook'] });
  }
  if (values.environment === 'production' && key.source !== 'environment') {
    throw new ValidationError({
      environment: [
        'Production settings need WEIGHBOOK_SECRETS_KEY to be set (a key generated in the data folder is not enough): set it and restart Weighbook',
      ],
    });
  }
  const { secret, kept, row: before } = await secretFor(values, { allowEnvironment: false });
  // The environment's own rules, on the whole set (environment against URL, https, completeness).
  try {
    resolveDwtConfig({
      DWT_ENVIRONMENT: values.environment,
      DWT_API_BASE_URL: values.apiBaseUrl,
      DWT_AUTH_URL: values.authUrl,
      DWT_CLIENT_ID: values.clientId,
      DWT_CLIENT_SECRET: secret || undefined,
      DWT_API_CODE: undefined,
      DWT_SANDBOX_PORT: env().DWT_SANDBOX_PORT,
    });
  } catch (error) {
    if (error instanceof DwtConfigError) throw new ValidationError({ _form: [error.message] }, error.message);
    throw error;
  }
  const reseal = !kept || (before !== null && sealedWithPreviousKey(before.clientSecretCiphertext, key.keys));
  const now = new Date();
  const actorId = auditActorId(actor);
  await db().$transaction(async (tx) => {
    const data = {
      environment: values.environment,
      apiBaseUrl: values.apiBaseUrl,
      authUrl: values.authUrl,
      clientId: values.clientId,
      updatedAt: now,
      updatedBy: actorId,
      ...(reseal ? { clientSecretCiphertext: sealSecret(secret, { keys: key.keys, context: SECRET_CONTEXT }) } : {}),
      ...(kept ? {} : { secretSetAt: now, secretSetBy: actorId }),
    };
    if (before) await tx.dwtSettings.update({ where: { id: ROW_ID }, data });
    else await tx.dwtSettings.create({ data: { id: ROW_ID, secretSetAt: now, secretSetBy: actorId, clientSecretCiphertext: '', ...data } });
    const changes: Record<string, unknown> = {};
    for (const f of ['environment', 'apiBaseUrl', 'authUrl', 'clientId'] as const) {
      if (before?.[f] !== values[f]) changes[f] = { from: before?.[f] ?? null, to: values[f] };
    }
    // That the secret changed, never what it is.
    changes.clientSecret = kept ? 'kept' : before ? 'replaced' : 'set';
    await recordAudit(tx, {
      actorId,
      action: before ? 'dwt-settings.update' : 'dwt-settings.create',
      entityType: 'dwt_settings',
      entityId: String(ROW_ID),
      changes,
    });
  });
  invalidateDwtConfig();
  logger.info('DWT settings saved', { environment: values.environment, apiBaseUrl: values.apiBaseUrl, secret: kept ? 'kept' : 'new' });
  return getDwtSettings({ actor });
}

/** Back to the DWT_* settings (or the built-in sandbox): the saved set and its secret are deleted. */
export async function removeDwtSettings({ actor }: { actor: Actor }): Promise<DwtSettingsView> {
  assertCan(actor, 'dwt.manage');
  await db().$transaction(async (tx) => {
    const removed = await tx.dwtSettings.deleteMany({ where: { id: ROW_ID } });
    if (removed.count > 0) {
      await recordAudit(tx, {
        actorId: auditActorId(actor),
        action: 'dwt-settings.remove',
        entityType: 'dwt_settings',
        entityId: String(ROW_ID),
        changes: { clientSecret: 'removed' },
      });
    }
  });
  invalidateDwtConfig();
  return getDwtSettings({ actor });
}

/** "Test connection" with the form's values; a blank secret means the saved one (same auth URL and client id). */
export async function testDwtSettings({
  actor,
  input,
  options,
}: {
  actor: Actor;
  input: DwtSettingsInput;
  options?: TestOptions;
}): Promise<ConnectionTestResult> {
  assertCan(actor, 'dwt.manage');
  const values = parseSettings(input);
  const { secret } = await secretFor(values, { allowEnvironment: true });
  return testConnection({ apiBaseUrl: values.apiBaseUrl, authUrl: values.authUrl, clientId: values.clientId, clientSecret: secret }, options);
}

/** Why this process must not start (production without WEIGHBOOK_SECRETS_KEY), or undefined. */
export async function secretsKeyStartProblem(): Promise<string | undefined> {
  const e = env();
  const row = await db().dwtSettings.findUnique({ where: { id: ROW_ID }, select: { environment: true } });
  const problem = secretsKeyProblem({
    keyFromEnvironment: Boolean(e.WEIGHBOOK_SECRETS_KEY),
    envDwtEnvironment: e.DWT_ENVIRONMENT,
    savedDwtEnvironment: row?.environment,
  });
  if (problem) return problem;
  if (row && !availableSecretKeys()) {
    return 'DWT settings are saved with an encrypted client secret, but no secrets key is available here: set WEIGHBOOK_SECRETS_KEY to the key the web app uses.';
  }
  return undefined;
}

/** For the web server's start (instrumentation.ts): stop when production DWT lacks WEIGHBOOK_SECRETS_KEY. */
export async function refuseToStartWithoutSecretsKey(): Promise<void> {
  // An unreachable database is not this check's business: the launcher has checked it already.
  const problem = await secretsKeyStartProblem().catch(() => undefined);
  if (!problem) return;
  logger.error('Weighbook cannot start', { problem });
  process.exit(1);
}
