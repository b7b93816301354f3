import { z } from 'zod';

export { signInSchema, type SignInInput } from './sign-in-schema';

/** Rules for any new password. */
export const passwordSchema = z.string().min(12, 'Password must be at least 12 characters').max(200, 'Password must be 200 characters or fewer');
