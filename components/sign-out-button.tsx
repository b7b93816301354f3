'use client';
import { signOut } from './auth-client';

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut('/sign-in')} className="px-3 py-2 font-semibold underline underline-offset-4">
      Sign out
    </button>
  );
}
