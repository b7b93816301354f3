import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('settings', () => {
  it('has working defaults with nothing set', () => {
    const e = parseEnv({});
    expect(e.PORT).toBe(3000);
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.WEIGHBOOK_DATA_DIR).toBe('.data');
    expect(e.PASSWORD_HASH_COST).toBe(12);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', DWT_API_CODE: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad setting', () => {
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DWT_API_CODE: 'not-a-uuid' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL: must start with postgres://');
      expect(message).toContain('DWT_API_CODE: must be a UUID');
    }
  });

  it('wants the first admin’s email and password together', () => {
    expect(() => parseEnv({ ADMIN_EMAIL: 'a@b.co' })).toThrow('ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  });
});
