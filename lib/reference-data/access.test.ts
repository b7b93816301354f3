import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/auth/permissions';
import { referenceDataAccess } from './access';

describe('who may read reference data', () => {
  it('refuses anyone not signed in', () => {
    expect(referenceDataAccess(null)).toBe('not-signed-in');
  });

  it('lets every role that logs or views loads read it', () => {
    for (const role of ROLES) expect(referenceDataAccess({ roles: [role] })).toBe('allowed');
  });

  it('refuses a signed-in user whose roles allow neither viewing nor logging loads', () => {
    expect(referenceDataAccess({ roles: [] })).toBe('forbidden');
  });
});
