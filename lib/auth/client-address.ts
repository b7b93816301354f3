// The client address a request came from, for sign-in throttling. The launcher's web server
// (scripts/serve.mjs) writes the connection's own address into CLIENT_ADDRESS_HEADER on every request,
// replacing anything a client sent. Behind a reverse proxy (TRUST_PROXY=on) the address that proxy
// saw, the last entry of X-Forwarded-For, is used instead.
import { env } from '@/lib/env';

export const CLIENT_ADDRESS_HEADER = 'x-weighbook-client-address';

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

export function clientAddress(headers: HeaderBag | undefined): string {
  if (!headers) return 'unknown';
  if (env().TRUST_PROXY === 'on') {
    const forwarded = header(headers, 'x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  return header(headers, CLIENT_ADDRESS_HEADER)?.trim().slice(0, 100) || 'unknown';
}
