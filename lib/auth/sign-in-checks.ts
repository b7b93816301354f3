// The sign-in form's checks as plain functions, for the browser: the sign-in page ships these few lines
// rather than zod (~24 kB gzip even as zod/mini). The server still checks the credentials with the zod
// schema (sign-in-schema.ts, built from the same rules and messages); sign-in-checks.test.ts proves the two
// agree, field by field and message by message.

export const SIGN_IN_EMAIL_MAX = 254;
export const SIGN_IN_PASSWORD_MAX = 1_000;
export const SIGN_IN_MESSAGES = {
  emailMissing: 'Enter your email address',
  emailInvalid: 'Enter an email address like name@example.com',
  passwordMissing: 'Enter your password',
  passwordTooLong: 'The email address or password is not right.',
} as const;
/** zod's own email pattern (`z.regexes.email`, the one `z.string().email()` uses); the test pins it. */
// eslint-disable-next-line no-useless-escape -- character for character as zod writes it, so the test can compare.
export const SIGN_IN_EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export type SignInField = 'email' | 'password';
export type SignInErrors = Partial<Record<SignInField, string>>;

/** The first problem with each field (as the form shows them), and the email as it is sent (trimmed). */
export function checkSignIn(input: { email: string; password: string }): { values: { email: string; password: string }; errors: SignInErrors } {
  const email = input.email.trim();
  const errors: SignInErrors = {};
  if (email.length < 1) errors.email = SIGN_IN_MESSAGES.emailMissing;
  else if (email.length > SIGN_IN_EMAIL_MAX || !SIGN_IN_EMAIL_PATTERN.test(email)) errors.email = SIGN_IN_MESSAGES.emailInvalid;
  if (input.password.length < 1) errors.password = SIGN_IN_MESSAGES.passwordMissing;
  else if (input.password.length > SIGN_IN_PASSWORD_MAX) errors.password = SIGN_IN_MESSAGES.passwordTooLong;
  return { values: { email, password: input.password }, errors };
}
