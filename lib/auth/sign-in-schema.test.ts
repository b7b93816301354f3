// The sign-in rules in zod/mini must refuse and accept exactly what the full zod rules they replaced did,
// with the same messages on the same fields (the browser and the server both use them).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signInSchema } from './sign-in-schema';

const before = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address like name@example.com'),
  password: z.string().min(1, 'Enter your password'),
});

const outcome = (r: { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? { data: r.data } : { issues: r.error!.issues.map((i) => [i.path.join('.'), i.message]) };

describe('signInSchema', () => {
  it.each([
    { email: '', password: '' },
    { email: '   ', password: 'x' },
    { email: '  ann@example.com  ', password: 'correct horse' },
    { email: 'Ann@Example.CO.UK', password: 'p' },
    { email: 'nope', password: 'x' },
    { email: 'a@b', password: '' },
    { email: 'a@@b.com', password: 'x' },
    {},
    { email: 5, password: null },
  ])('treats %j as before', (input) => {
    expect(outcome(signInSchema.safeParse(input))).toEqual(outcome(before.safeParse(input)));
  });
});
