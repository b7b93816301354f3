// Request bodies read with a bound. A route that reads `await request.text()` holds whatever a client
// sends in memory; these read at most `max` bytes, stop as soon as the bound is passed, and say so.

/** The body as text, or null when it is (or claims to be) larger than `max` bytes. */
export async function readBodyCapped(request: Request, max: number): Promise<string | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= max)) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}
