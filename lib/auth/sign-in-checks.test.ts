// The browser's sign-in checks (no zod) must say exactly what the server's zod schema says: the same first
// message on the same field, for every kind of input, and the same (trimmed) email.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { checkSignIn, SIGN_IN_EMAIL_PATTERN } from './sign-in-checks';
import { signInSchema } from './sign-in-schema';

/** What the form showed with zodResolver: the first issue's message per field. */
function viaSchema(input: { email: string; password: string }) {
  const r = signInSchema.safeParse(input);
  if (r.success) return { values: r.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) errors[issue.path.join('.')] ??= issue.message;
  return { errors };
}

describe('checkSignIn', () => {
  it('uses zod’s own email pattern', () => {
    expect(SIGN_IN_EMAIL_PATTERN.source).toBe(z.regexes.email.source);
    expect(SIGN_IN_EMAIL_PATTERN.flags).toBe(z.regexes.email.flags);
  });

  it.each([
    { email: '', password: '' },
    { email: '   ', password: 'x' },
    { email: '  ann@example.com  ', password: 'correct horse' },
    { email: 'Ann@Example.CO.UK', password: 'p' },
    { email: 'nope', password: 'x' },
    { email: 'a@b', password: '' },
    { email: 'a@@b.com', password: 'x' },
    { email: "o'neil+tag@mail.example.org", password: ' ' },
    { email: `${'a'.repeat(250)}@b.co`, password: 'x' },
    { email: `${'a'.repeat(244)}@example.com`, password: 'x' },
    { email: 'ann@example.com', password: 'x'.repeat(1_000) },
    { email: 'ann@example.com', password: 'x'.repeat(1_001) },
    { email: '', password: 'x'.repeat(1_001) },
  ])('agrees with the server’s schema on %j', (input) => {
    const browser = checkSignIn(input);
    const server = viaSchema(input);
    expect(browser.errors).toEqual(server.errors);
    if (Object.keys(server.errors).length === 0) expect(browser.values).toEqual(server.values);
  });
});
