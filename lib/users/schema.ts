import { z } from 'zod';
import { passwordSchema } from '@/lib/auth/schema';
import { ROLES } from '@/lib/auth/permissions';

export const emailSchema = z
  .string()
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .email('Enter an email address like name@example.com')
  .transform((v) => v.toLowerCase());

export const createUserSchema = z.object({
  name: z.string().trim().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer'),
  email: emailSchema,
  password: passwordSchema,
  roles: z.array(z.enum(ROLES)).min(1, 'Choose at least one role'),
  siteIds: z.array(z.uuid()).default([]),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const firstAdminSchema = z.object({
  setupToken: z.string().trim().min(1, 'Enter the set-up code printed when the app started'),
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Name must be 200 characters or fewer'),
  email: emailSchema,
  password: passwordSchema,
});
export type FirstAdminInput = z.input<typeof firstAdminSchema>;
