'use client';
// Signing in and out from the browser, in a few lines instead of next-auth/react (which brings its
// session provider, broadcast channel and Babel's runtime: ~12 kB gzip on every signed-in page and the
// sign-in page). The same requests next-auth/react makes, to the same routes (/api/auth/*): its CSRF
// token, then a form POST asking for a JSON answer. Nothing here needs next-auth's client session.

const AUTH_BASE = '/api/auth';

async function csrfToken(): Promise<string> {
  const res = await fetch(`${AUTH_BASE}/csrf`, { headers: { Accept: 'application/json' } });
  const data = (await res.json()) as { csrfToken?: string };
  return data.csrfToken ?? '';
}

async function post(path: string, fields: Record<string, string>): Promise<{ res: Response; url: string | undefined }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' });
  const res = await fetch(`${AUTH_BASE}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  const data = (await res.json()) as { url?: string };
  return { res, url: data.url };
}

export interface SignInResult {
  ok: boolean;
  /** next-auth's error code or message ("CredentialsSignin" for refused credentials), or null. */
  error: string | null;
}

/** Credentials sign-in without a redirect (next-auth/react's `signIn('credentials', { redirect: false })`). */
export async function signInWithCredentials(credentials: { email: string; password: string }, callbackUrl: string): Promise<SignInResult> {
  const { res, url } = await post('callback/credentials', { ...credentials, redirect: 'false', callbackUrl });
  const error = url ? new URL(url, window.location.href).searchParams.get('error') : null;
  return { ok: res.ok, error };
}

/** Ends the session on the server, then goes to `callbackUrl` (next-auth/react's `signOut({ callbackUrl })`). */
export async function signOut(callbackUrl: string): Promise<void> {
  const { url } = await post('signout', { callbackUrl });
  const next = url ?? callbackUrl;
  window.location.href = next;
  if (next.includes('#')) window.location.reload();
}
