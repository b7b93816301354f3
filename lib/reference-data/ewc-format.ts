// How EWC codes are typed and printed: for the browser's fields without the lookups (lookups.ts, with
// its synonyms, is built only once the code lists have arrived).

/**
 * "17 05 04", "17-05-04", "170504*" → "170504". Returns the input trimmed when it is not a code, so
 * validation still reports it as written.
 */
export function normaliseEwcCode(input: string): string {
  const compact = input.replace(/[\s.*-]/g, '');
  return /^\d{6}$/.test(compact) ? compact : input.trim();
}

/** "170503", true → "17 05 03*": the printed form clerks know from consignment notes. */
export function formatEwcCode(code: string, isHazardous = false): string {
  if (!/^\d{6}$/.test(code)) return code;
  return `${code.slice(0, 2)} ${code.slice(2, 4)} ${code.slice(4, 6)}${isHazardous ? '*' : ''}`;
}
