import 'server-only';
// Authenticated encryption for the few secrets Weighbook stores (the DWT client secret): AES-256-GCM
// with a random 12-byte IV per encryption. The envelope is text, so it fits a TEXT column:
//
//   v1:<keyId>:<iv>:<ciphertext>:<tag>        (each part base64url)
//
// The keyId names which key sealed it (so a rotated-out key is recognised, not guessed at), and the
// caller's `context` (the record and field, e.g. "dwt_settings:1:client_secret") is bound in as
// additional authenticated data: a ciphertext copied to another row or field does not open. Anything
// wrong (other key, a changed byte, another context) is a SecretBoxError, never garbage.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SecretKeys {
  /** Seals every new secret. */
  current: Buffer;
  /** While rotating: secrets it sealed can still be opened (and should be sealed again). */
  previous?: Buffer;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const b64 = (b: Buffer) => b.toString('base64url');

/** A short, non-secret name for a key (a hash of it), stored with each envelope. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('weighbook secrets key id\0').update(key).digest('base64url').slice(0, 8);
}

function checkKey(key: Buffer) {
  if (key.length !== 32) throw new SecretBoxError('A secrets key must be 32 bytes');
}

const aadFor = (id: string, context: string) => Buffer.from(`weighbook-secret-box\0${VERSION}\0${id}\0${context}`, 'utf8');

export function sealSecret(plaintext: string, { keys, context }: { keys: SecretKeys; context: string }): string {
  checkKey(keys.current);
  const id = keyId(keys.current);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.current, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadFor(id, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, id, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join(':');
}

/** The key id an envelope was sealed with, or undefined when it is not an envelope. */
export function envelopeKeyId(envelope: string): string | undefined {
  const parts = envelope.split(':');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

/** True when the envelope was sealed with the previous key (seal it again with the current one). */
export function sealedWithPreviousKey(envelope: string, keys: SecretKeys): boolean {
  return keys.previous !== undefined && envelopeKeyId(envelope) === keyId(keys.previous);
}

export function openSecret(envelope: string, { keys, context }: { keys: SecretKeys; context: string }): string {
  const parts = envelope.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new SecretBoxError(`The stored secret is not in a format this version of Weighbook reads (expected ${VERSION})`);
  }
  const [, id, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
  const key = [keys.current, keys.previous].find((k) => k !== undefined && keyId(k) === id);
  if (!key) {
    throw new SecretBoxError(
      `The stored secret was encrypted with another key (id ${id}) than WEIGHBOOK_SECRETS_KEY` +
        `${keys.previous ? ' or WEIGHBOOK_SECRETS_KEY_PREVIOUS' : ''} (id ${keyId(keys.current)}${keys.previous ? `, ${keyId(keys.previous)}` : ''}). ` +
        'Set the key it was saved with, or save the secret again.',
    );
  }
  checkKey(key);
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretBoxError('The stored secret has been altered or damaged: it cannot be decrypted');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadFor(id, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('The stored secret has been altered, damaged or moved from another record: it cannot be decrypted');
  }
}
