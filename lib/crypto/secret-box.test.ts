import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSecretsKey } from '@/lib/env';
import { keyId, openSecret, sealSecret, sealedWithPreviousKey, SecretBoxError } from './secret-box';
import { secretsKeyProblem } from './keys';

const key = randomBytes(32);
const other = randomBytes(32);
const context = 'dwt_settings:1:client_secret';
const secret = 'Sup3r-Secret/Value+with=specials';

/** Replaces one base64url part of an envelope with the same bytes, one bit flipped. */
function flip(envelope: string, part: number): string {
  const parts = envelope.split(':');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join(':');
}

describe('secret box', () => {
  it('round-trips, with a fresh IV each time and a versioned envelope', () => {
    const a = sealSecret(secret, { keys: { current: key }, context });
    const b = sealSecret(secret, { keys: { current: key }, context });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:[\w-]{8}:[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(a.split(':')[1]).toBe(keyId(key));
    expect(openSecret(a, { keys: { current: key }, context })).toBe(secret);
    expect(openSecret(sealSecret('', { keys: { current: key }, context }), { keys: { current: key }, context })).toBe('');
  });

  it('never contains the plaintext, nor its base64 or hex', () => {
    const sealed = sealSecret(secret, { keys: { current: key }, context });
    for (const form of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url'), Buffer.from(secret).toString('hex')]) {
      expect(sealed).not.toContain(form);
      expect(sealed).not.toContain(form.slice(0, 12));
    }
  });

  it('refuses another key with a message naming the setting', () => {
    const sealed = sealSecret(secret, { keys: { current: key }, context });
    expect(() => openSecret(sealed, { keys: { current: other }, context })).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, { keys: { current: other }, context })).toThrow(/WEIGHBOOK_SECRETS_KEY/);
  });

  it('refuses a changed tag, IV, ciphertext, key id or context (AAD)', () => {
    const keys = { current: key };
    const sealed = sealSecret(secret, { keys, context });
    for (const part of [2, 3, 4]) expect(() => openSecret(flip(sealed, part), { keys, context })).toThrow(/altered/);
    expect(() => openSecret(sealed, { keys, context: 'dwt_settings:2:client_secret' })).toThrow(/moved from another record/);
    expect(() => openSecret(sealed.replace(/^v1:[\w-]{8}:/, `v1:${keyId(other)}:`), { keys: { current: key, previous: other }, context })).toThrow(
      SecretBoxError,
    );
    expect(() => openSecret('v2:' + sealed.slice(3), { keys, context })).toThrow(/format/);
    expect(() => openSecret('plain text', { keys, context })).toThrow(SecretBoxError);
    expect(() => openSecret(sealed.split(':').slice(0, 4).join(':') + ':AAAA', { keys, context })).toThrow(/altered/);
  });

  it('opens what the previous key sealed while rotating, and says it needs sealing again', () => {
    const old = sealSecret(secret, { keys: { current: other }, context });
    const rotating = { current: key, previous: other };
    expect(openSecret(old, { keys: rotating, context })).toBe(secret);
    expect(sealedWithPreviousKey(old, rotating)).toBe(true);
    expect(sealedWithPreviousKey(sealSecret(secret, { keys: rotating, context }), rotating)).toBe(false);
  });
});

describe('secrets key setting', () => {
  it('accepts 64 hex characters or base64 / base64url of 32 bytes, nothing else', () => {
    const raw = randomBytes(32);
    expect(decodeSecretsKey(raw.toString('hex'))).toEqual(raw);
    expect(decodeSecretsKey(raw.toString('base64'))).toEqual(raw);
    expect(decodeSecretsKey(raw.toString('base64url'))).toEqual(raw);
    expect(decodeSecretsKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(decodeSecretsKey('correct horse battery staple')).toBeUndefined();
  });

  it('is required in production: DWT_ENVIRONMENT or saved settings of production', () => {
    expect(secretsKeyProblem({ keyFromEnvironment: false })).toBeUndefined();
    expect(secretsKeyProblem({ keyFromEnvironment: false, envDwtEnvironment: 'test', savedDwtEnvironment: 'sandbox' })).toBeUndefined();
    expect(secretsKeyProblem({ keyFromEnvironment: false, envDwtEnvironment: 'production' })).toMatch(/WEIGHBOOK_SECRETS_KEY is not set/);
    expect(secretsKeyProblem({ keyFromEnvironment: false, savedDwtEnvironment: 'production' })).toMatch(/WEIGHBOOK_SECRETS_KEY is not set/);
    expect(secretsKeyProblem({ keyFromEnvironment: true, envDwtEnvironment: 'production', savedDwtEnvironment: 'production' })).toBeUndefined();
  });
});
