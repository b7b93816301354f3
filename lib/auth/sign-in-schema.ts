// The sign-in form's rules, in zod's tree-shakable build (zod/mini): the sign-in page ships these few
// checks, not the whole of zod. The same schema checks the credentials on the server (lib/auth/options.ts).
import * as z from 'zod/mini';

export const signInSchema = z.object({
  email: z.string().check(
    z.trim(),
    z.minLength(1, 'Enter your email address'),
    z.maxLength(254, 'Enter an email address like name@example.com'),
    // zod's own email pattern, the one `z.string().email()` uses.
    z.regex(z.regexes.email, 'Enter an email address like name@example.com'),
  ),
  password: z.string().check(z.minLength(1, 'Enter your password'), z.maxLength(1_000, 'The email address or password is not right.')),
});
export type SignInInput = z.infer<typeof signInSchema>;
