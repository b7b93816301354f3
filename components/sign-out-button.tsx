'use client';
import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/sign-in' })} className="px-3 py-2 font-semibold underline underline-offset-4">
      Sign out
    </button>
  );
}
