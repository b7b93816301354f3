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
  roles: z.array(z.enum(ROLES)).min(1, 'Choose at least one role').max(ROLES.length, 'Choose each role once'),
  siteIds: z.array(z.uuid()).max(1_000, 'Choose no more than 1,000 sites').default([]),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const firstAdminSchema = z.object({
  setupToken: z.string().trim().min(1, 'Enter the set-up code printed when the app started').max(200, 'That set-up code is not right'),
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Name must be 200 characters or fewer'),
  email: emailSchema,
  password: passwordSchema,
});
export type FirstAdminInput = z.input<typeof firstAdminSchema>;

const nameSchema = z.string().trim().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer');
const rolesSchema = z.array(z.enum(ROLES)).min(1, 'Choose at least one role').max(ROLES.length, 'Choose each role once');
const siteIdsSchema = z.array(z.uuid('Choose sites from the list')).max(1_000, 'Choose no more than 1,000 sites').default([]);

/** An account without a password: the person sets one through a one-time invitation link. */
export const inviteUserSchema = z.object({ name: nameSchema, email: emailSchema, roles: rolesSchema, siteIds: siteIdsSchema });
export type InviteUserInput = z.input<typeof inviteUserSchema>;

export const updateUserSchema = z.object({ id: z.uuid(), name: nameSchema, roles: rolesSchema, siteIds: siteIdsSchema });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const setUserDisabledSchema = z.object({ id: z.uuid(), disabled: z.boolean() });
export type SetUserDisabledInput = z.input<typeof setUserDisabledSchema>;

export const setTemporaryPasswordSchema = z.object({ id: z.uuid(), password: passwordSchema });
export type SetTemporaryPasswordInput = z.input<typeof setTemporaryPasswordSchema>;

export const userIdSchema = z.object({ id: z.uuid() });

/** The public page behind an invitation or reset link. */
export const acceptInvitationSchema = z
  .object({
    token: z
      .string()
      .min(1, 'This link is not complete: open it again from the message you were sent')
      .max(200, 'This link is not right: open it again from the message you were sent'),
    password: passwordSchema,
    confirmPassword: z.string().min(1, 'Type the password again').max(200, 'The two passwords do not match'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords do not match' });
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

/** An action that takes nothing (a button): anything else sent is refused. */
export const noInputSchema = z.object({}).strict();
