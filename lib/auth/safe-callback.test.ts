import { describe, expect, it } from 'vitest';
import { safeCallback } from './safe-callback';

describe('the page after signing in', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeCallback('/loads/new')).toBe('/loads/new');
    expect(safeCallback('/records?site=abc&page=2#top')).toBe('/records?site=abc&page=2#top');
    expect(safeCallback('/admin/users/%C3%A9')).toBe('/admin/users/%C3%A9');
  });

  it.each([
    '//evil.example',
    '//x',
    '///evil.example',
    '/\\evil.example',
    '/\\\\evil.example',
    '\\\\evil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/%255Cevil.example',
    '/%2F/evil.example',
    '/%2f%2fevil.example',
    '/%09/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/%0A/evil.example',
    '/%0D%0A/evil.example',
    'https://evil.example/',
    'http://evil.example',
    'HTTPS://evil.example',
    'evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '/%',
    'data:text/html,hi',
    '',
    '/' + 'a'.repeat(3000),
  ])('refuses %j', (url) => {
    expect(safeCallback(url)).toBe('/');
  });

  it('refuses a missing or repeated parameter', () => {
    expect(safeCallback(undefined)).toBe('/');
    expect(safeCallback(['/a', '/b'])).toBe('/');
  });
});
