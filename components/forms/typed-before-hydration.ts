// What a person typed into a server-rendered field before the page's code ran. On an old PC at the
// gatehouse a page can take seconds to come alive, and a clerk types as soon as the fields show. A field
// whose value React holds in state (a controlled input) is then set back to the state's starting value,
// wiping the typing (e2e/weigh-in-before-hydration.spec.ts). Such a field starts from this instead.
// Forms on react-hook-form keep the typing by themselves (e2e/typing-before-hydration.spec.ts).

let pageAlive = false;

/** Called once the page's first form is up: from then on (client-side navigation) the page is never read. */
export function markPageAlive(): void {
  pageAlive = true;
}

/**
 * The text typed into the field with this id before the page came alive, or `fallback`. Read during a
 * component's first render in the browser (a useState initialiser), before React takes the field over.
 */
export function typedBeforeHydration(id: string, fallback = ''): string {
  if (pageAlive || typeof document === 'undefined') return fallback;
  const el = document.getElementById(id);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return fallback;
  // Only what the person changed: the value the server rendered is the field's defaultValue.
  return el.value !== el.defaultValue ? el.value.slice(0, 1_000) : fallback;
}
