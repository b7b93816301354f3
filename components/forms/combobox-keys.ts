// The keyboard contract shared by every combobox (EWC codes, address-book pickers): the arrow keys
// move the active option (opening the popup, wrapping around), Escape closes the popup and then clears
// the query, Enter never submits the surrounding form. Each widget says what its actions are and what
// Enter (and any key of its own) does; the pure logic files use `comboboxKeyDown`, the components
// `handleComboboxKey`.
import type { KeyboardEvent } from 'react';

export interface KeyOutcome<A, E> {
  action?: A;
  effect?: E;
  /** Stop the browser's own handling (caret moves, implicit form submission). */
  preventDefault: boolean;
}

export interface ComboboxKeyRules<A, E> {
  /** How many options are shown. */
  optionCount: number;
  /** Whether the popup is open and has options. */
  expanded: boolean;
  query: string;
  moved(step: 1 | -1): A;
  closed: A;
  cleared: A;
  /** What Enter does; it is kept from the form whatever it returns. */
  enter(): Omit<KeyOutcome<A, E>, 'preventDefault'>;
  /** Keys of the widget's own (e.g. Backspace removing a chosen code); undefined leaves a key to the browser. */
  other?(key: string): KeyOutcome<A, E> | undefined;
}

/**
 * What a key pressed in the input does, or undefined to leave it to the browser (typing, caret keys,
 * Tab: leaving the input closes the popup).
 */
export function comboboxKeyDown<A, E>(key: string, rules: ComboboxKeyRules<A, E>): KeyOutcome<A, E> | undefined {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp':
      if (rules.optionCount === 0) return undefined;
      return { action: rules.moved(key === 'ArrowDown' ? 1 : -1), preventDefault: true };
    case 'Enter':
      // A clerk pressing Enter to pick an option must never send a half-filled form.
      return { ...rules.enter(), preventDefault: true };
    case 'Escape':
      if (rules.expanded) return { action: rules.closed, preventDefault: true };
      if (rules.query !== '') return { action: rules.cleared, preventDefault: true };
      return undefined;
    default:
      return rules.other?.(key);
  }
}

/** The input's onKeyDown: asks the widget's pure `keyDown` what the key does and carries it out. */
export function handleComboboxKey<A, E>(
  event: KeyboardEvent<HTMLInputElement>,
  keyDown: (key: string) => KeyOutcome<A, E> | undefined,
  dispatch: (action: A) => void,
  onEffect: (effect: E) => void,
): void {
  // Keys typed while an IME is composing belong to the IME.
  if (event.nativeEvent.isComposing) return;
  const outcome = keyDown(event.key);
  if (!outcome) return;
  if (outcome.preventDefault) event.preventDefault();
  if (outcome.action) dispatch(outcome.action);
  if (outcome.effect) onEffect(outcome.effect);
}
