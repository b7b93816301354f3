// The sign-in rules in zod's tree-shakable build (zod/mini), for the server (lib/auth/options.ts checks the
// credentials with it). The browser runs the same rules without zod (sign-in-checks.ts, same messages).
import * as z from 'zod/mini';
import { SIGN_IN_EMAIL_MAX, SIGN_IN_EMAIL_PATTERN, SIGN_IN_MESSAGES, SIGN_IN_PASSWORD_MAX } from './sign-in-checks';

export const signInSchema = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, SIGN_IN_MESSAGES.emailMissing),
      z.maxLength(SIGN_IN_EMAIL_MAX, SIGN_IN_MESSAGES.emailInvalid),
      z.regex(SIGN_IN_EMAIL_PATTERN, SIGN_IN_MESSAGES.emailInvalid),
    ),
  password: z.string().check(z.minLength(1, SIGN_IN_MESSAGES.passwordMissing), z.maxLength(SIGN_IN_PASSWORD_MAX, SIGN_IN_MESSAGES.passwordTooLong)),
});
export type SignInInput = z.infer<typeof signInSchema>;
