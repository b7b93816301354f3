// Request (and response) bodies read with a bound. A route that reads `await request.text()` holds whatever a client
// sends in memory; these read at most `max` bytes, stop as soon as the bound is passed, and say so.

/** The body as text, or null when it is (or claims to be) larger than `max` bytes. */
export async function readBodyCapped(request: Request, max: number): Promise<string | null> {
  const bytes = await readBytesCapped(request, max);
  return bytes === null ? null : Buffer.from(bytes).toString('utf8');
}

/**
 * A request's or response's body as bytes, or null when it is (or claims to be) larger than `max`
 * bytes; reading stops as soon as the bound is passed. A failed read (the peer went away) throws.
 */
export async function readBytesCapped(message: Request | Response, max: number): Promise<Uint8Array | null> {
  const declared = message.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= max)) {
    await message.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!message.body) return new Uint8Array(0);
  const reader = message.body.getReader();
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
  return Buffer.concat(parts);
}
