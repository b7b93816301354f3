import { z } from 'zod';

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .email('Enter an email address like name@example.com'),
  password: z.string().min(1, 'Enter your password').max(1_000, 'Password must be 1,000 characters or fewer'),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Rules for any new password. */
export const passwordSchema = z.string().min(12, 'Password must be at least 12 characters').max(200, 'Password must be 200 characters or fewer');
