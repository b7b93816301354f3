import { describe, expect, it } from 'vitest';
import { DWT_SERVERS, DwtConfigError, resolveDwtConfig, type DwtSettings } from './config';
import { SANDBOX_API_CODES, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './sandbox/defaults';

const none: DwtSettings = {
  DWT_ENVIRONMENT: undefined,
  DWT_API_BASE_URL: undefined,
  DWT_AUTH_URL: undefined,
  DWT_CLIENT_ID: undefined,
  DWT_CLIENT_SECRET: undefined,
  DWT_API_CODE: undefined,
  DWT_SANDBOX_PORT: 3100,
};

const full: DwtSettings = {
  ...none,
  DWT_API_BASE_URL: `${DWT_SERVERS.test}/`,
  DWT_AUTH_URL: 'https://auth.example.gov.uk/',
  DWT_CLIENT_ID: 'vendor',
  DWT_CLIENT_SECRET: 's3cret',
};

describe('resolveDwtConfig', () => {
  it('uses the built-in sandbox on DWT_SANDBOX_PORT when nothing is set', () => {
    expect(resolveDwtConfig({ ...none, DWT_SANDBOX_PORT: 3999 })).toEqual({
      environment: 'sandbox',
      apiBaseUrl: 'http://127.0.0.1:3999',
      authUrl: 'http://127.0.0.1:3999',
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      apiCode: SANDBOX_API_CODES[0],
    });
  });

  it('names every missing setting when only some are given', () => {
    expect(() => resolveDwtConfig({ ...none, DWT_API_BASE_URL: DWT_SERVERS.test, DWT_CLIENT_ID: 'x' })).toThrow(
      /DWT_API_BASE_URL, DWT_CLIENT_ID are set but DWT_AUTH_URL, DWT_CLIENT_SECRET are missing/,
    );
    expect(() => resolveDwtConfig({ ...none, DWT_ENVIRONMENT: 'production' })).toThrow(DwtConfigError);
  });

  it('infers the environment from DWT own servers and trims trailing slashes', () => {
    expect(resolveDwtConfig(full)).toEqual({
      environment: 'test',
      apiBaseUrl: DWT_SERVERS.test,
      authUrl: 'https://auth.example.gov.uk',
      clientId: 'vendor',
      clientSecret: 's3cret',
      apiCode: undefined,
    });
    expect(resolveDwtConfig({ ...full, DWT_API_BASE_URL: DWT_SERVERS.production }).environment).toBe('production');
  });

  it('requires DWT_ENVIRONMENT for any other server', () => {
    const elsewhere = { ...full, DWT_API_BASE_URL: 'https://dwt.example.org' };
    expect(() => resolveDwtConfig(elsewhere)).toThrow(/DWT_ENVIRONMENT must be set/);
    expect(resolveDwtConfig({ ...elsewhere, DWT_ENVIRONMENT: 'test' }).environment).toBe('test');
  });

  it('refuses an environment that contradicts the URL, since personal data depends on it', () => {
    expect(() => resolveDwtConfig({ ...full, DWT_ENVIRONMENT: 'production' })).toThrow(/DWT's test server/);
    expect(() => resolveDwtConfig({ ...full, DWT_API_BASE_URL: DWT_SERVERS.production, DWT_ENVIRONMENT: 'sandbox' })).toThrow(/DWT's production server/);
  });

  it('keeps the configured apiCode, and offers a dummy one for a configured sandbox', () => {
    const apiCode = '2154196c-f49e-455e-aec9-46164bd0e6db';
    expect(resolveDwtConfig({ ...full, DWT_API_CODE: apiCode }).apiCode).toBe(apiCode);
    const sandbox = { ...full, DWT_API_BASE_URL: 'http://127.0.0.1:4000', DWT_ENVIRONMENT: 'sandbox' as const };
    expect(resolveDwtConfig(sandbox).apiCode).toBe(SANDBOX_API_CODES[0]);
  });
});

describe('resolveDwtConfig: production', () => {
  it("sends personal data only to DWT's production server", () => {
    expect(() => resolveDwtConfig({ ...full, DWT_API_BASE_URL: 'https://dwt-proxy.example.com', DWT_ENVIRONMENT: 'production' })).toThrow(
      /is not DWT's production server/,
    );
    expect(() => resolveDwtConfig({ ...full, DWT_API_BASE_URL: 'http://127.0.0.1:9000', DWT_ENVIRONMENT: 'production' })).toThrow(
      /is not DWT's production server/,
    );
  });
});

describe('resolveDwtConfig: TLS', () => {
  it('refuses plain http outside the sandbox, except to this machine', () => {
    expect(() => resolveDwtConfig({ ...full, DWT_AUTH_URL: 'http://auth.example.gov.uk' })).toThrow(/DWT_AUTH_URL must start with https/);
    expect(() => resolveDwtConfig({ ...full, DWT_API_BASE_URL: 'http://proxy.example', DWT_ENVIRONMENT: 'production' })).toThrow(
      /DWT_API_BASE_URL must start with https/,
    );
    expect(resolveDwtConfig({ ...full, DWT_API_BASE_URL: 'http://127.0.0.1:9000', DWT_ENVIRONMENT: 'test' }).apiBaseUrl).toBe('http://127.0.0.1:9000');
    expect(
      resolveDwtConfig({ ...full, DWT_API_BASE_URL: 'http://dwt.internal', DWT_AUTH_URL: 'http://dwt.internal', DWT_ENVIRONMENT: 'sandbox' }).environment,
    ).toBe('sandbox');
  });
});
