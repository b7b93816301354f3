import { describe, expect, it } from 'vitest';
import { can, permissions, ROLES, type Permission } from './permissions';

describe('permission table', () => {
  it('gives administration to admins only', () => {
    for (const p of ['users.manage', 'sites.manage', 'dwt.manage', 'data-requests.manage'] as Permission[]) {
      expect(can(['ADMIN'], p)).toBe(true);
      expect(can(['MANAGER'], p)).toBe(false);
      expect(can(['CLERK'], p)).toBe(false);
    }
  });

  it('lets clerks log loads but not manage them', () => {
    expect(can(['CLERK'], 'loads.create')).toBe(true);
    expect(can(['CLERK'], 'loads.manage')).toBe(false);
    expect(can(['CLERK'], 'delivery.view')).toBe(false);
  });

  it('grants a permission when any of several roles has it', () => {
    expect(can(['CLERK', 'ADMIN'], 'users.manage')).toBe(true);
    expect(can([], 'loads.view')).toBe(false);
  });

  it('names only known roles', () => {
    for (const roles of Object.values(permissions)) for (const r of roles) expect(ROLES).toContain(r);
  });
});
