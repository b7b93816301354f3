// Where to go after signing in: a path on this site, never anywhere else. The callbackUrl comes from
// the query string, so it is hostile input: it is resolved against the app's own origin and refused
// unless it stays there, and refused too when any decoding of it could turn into another host
// (`/\evil`, `/%5Cevil`, `/%09/evil`, `//evil`, `/%2F/evil`), or is not a plain path at all.

const HOME = '/';
const BASE = 'http://weighbook.invalid';
const MAX_LENGTH = 2_000;

/** Backslashes and control characters (tabs and newlines are dropped by URL parsers). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE = /[\\\u0000-\u001f\u007f]/;

function decodedForms(url: string): string[] {
  const forms = [url];
  let current = url;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return [...forms, '//undecodable'];
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

export function safeCallback(url: string | string[] | undefined | null): string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_LENGTH) return HOME;
  if (!url.startsWith('/')) return HOME;
  for (const form of decodedForms(url)) {
    if (UNSAFE.test(form) || form.startsWith('//') || !form.startsWith('/')) return HOME;
  }
  let resolved: URL;
  try {
    resolved = new URL(url, BASE);
  } catch {
    return HOME;
  }
  if (resolved.origin !== BASE) return HOME;
  const path = resolved.pathname + resolved.search + resolved.hash;
  return path.startsWith('/') && !path.startsWith('//') ? path : HOME;
}
