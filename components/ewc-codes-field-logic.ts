// The EWC codes combobox's behaviour without React or the DOM: what each key does to the query, the
// popup and the active option, and whether a code may be added. components/ewc-codes-field.tsx renders
// it; keeping it pure lets every keyboard rule be tested directly.
import { comboboxKeyDown, type KeyOutcome as GenericKeyOutcome } from './forms/combobox-keys';
import { formatEwcCode, normaliseEwcCode } from '@/lib/reference-data/ewc-format';
import type { EwcSearchResult, ReferenceLookups } from '@/lib/reference-data/lookups';

/** Options shown at once: enough to scan, few enough to render instantly on an old PC. */
export const SHOWN_OPTIONS = 20;

export interface ComboboxState {
  query: string;
  /** Whether the popup may show; it shows only when there are options too. */
  open: boolean;
  /** Index into the shown options, -1 for none (focus stays in the input either way). */
  activeIndex: number;
}

export const initialComboboxState: ComboboxState = { query: '', open: false, activeIndex: -1 };

export type ComboboxAction = { type: 'typed'; query: string } | { type: 'moved'; step: 1 | -1; optionCount: number } | { type: 'closed' } | { type: 'cleared' };

export function comboboxReducer(state: ComboboxState, action: ComboboxAction): ComboboxState {
  switch (action.type) {
    case 'typed':
      return { query: action.query, open: action.query.trim() !== '', activeIndex: -1 };
    case 'moved': {
      const count = action.optionCount;
      if (count === 0) return state;
      // Opening with Down lands on the first option, with Up on the last; both wrap around.
      const from = state.open ? state.activeIndex : -1;
      const activeIndex = from === -1 ? (action.step === 1 ? 0 : count - 1) : (from + action.step + count) % count;
      return { ...state, open: true, activeIndex };
    }
    case 'closed':
      return { ...state, open: false, activeIndex: -1 };
    case 'cleared':
      return initialComboboxState;
  }
}

/** Something the field must do beyond updating the combobox state. */
export type KeyEffect = { kind: 'choose'; code: string } | { kind: 'remove-last' } | { kind: 'notice'; message: string };

export type KeyOutcome = GenericKeyOutcome<ComboboxAction, KeyEffect>;

export interface KeyContext {
  /** The options currently shown, in order. */
  options: readonly EwcSearchResult[];
  /** Codes already chosen. */
  value: readonly string[];
}

/**
 * What a key pressed in the input does (the shared combobox keys, see components/forms/combobox-keys),
 * or undefined to leave it to the browser. Enter adds the active option, or a typed six-digit code;
 * Backspace in an empty input removes the last code chosen.
 */
export function keyDown(key: string, state: ComboboxState, { options, value }: KeyContext): KeyOutcome | undefined {
  const expanded = state.open && options.length > 0;
  return comboboxKeyDown<ComboboxAction, KeyEffect>(key, {
    optionCount: options.length,
    expanded,
    query: state.query,
    moved: (step) => ({ type: 'moved', step, optionCount: options.length }),
    closed: { type: 'closed' },
    cleared: { type: 'cleared' },
    enter: () => {
      const active = expanded ? options[state.activeIndex] : undefined;
      if (active) return { effect: { kind: 'choose', code: active.code } };
      const typed = typedCode(state.query);
      if (typed) return { effect: { kind: 'choose', code: typed } };
      if (expanded) return { effect: { kind: 'notice', message: 'Choose a code with the up and down arrow keys, then press Enter.' } };
      return {};
    },
    other: (key) => (key === 'Backspace' && state.query === '' && value.length > 0 ? { effect: { kind: 'remove-last' }, preventDefault: true } : undefined),
  });
}

/** The six-digit code a query spells out in full ("17 05 04", "170504*"), if it does. */
export function typedCode(query: string): string | undefined {
  const code = normaliseEwcCode(query);
  return /^\d{6}$/.test(code) ? code : undefined;
}

export type ChooseOutcome = { ok: true; value: string[]; message: string } | { ok: false; message: string };

/**
 * Adds a code to the chosen ones, or says why not. Without lookups (still loading, or failed) any
 * six-digit code is taken: the clerk is not held up, and validation checks it once the lists arrive.
 */
export function chooseCode(value: readonly string[], code: string, { max, lookups }: { max: number; lookups?: ReferenceLookups }): ChooseOutcome {
  if (value.includes(code)) return { ok: false, message: `${codeLabel(code, lookups)} is already added.` };
  if (lookups && !lookups.isKnownEwcCode(code)) return { ok: false, message: `${formatEwcCode(code)} is not an EWC code.` };
  if (value.length >= max) return { ok: false, message: `You can add up to ${max} EWC codes. Remove one to add another.` };
  return { ok: true, value: [...value, code], message: `Added ${codeLabel(code, lookups)}.` };
}

/** "17 05 03* (hazardous) soil and stones containing dangerous substances": how a code is read out. */
export function codeLabel(code: string, lookups?: ReferenceLookups): string {
  const hazardous = lookups?.isHazardousEwcCode(code) ?? false;
  const description = lookups?.ewcDescription(code);
  return [formatEwcCode(code, hazardous), hazardous ? '(hazardous)' : '', description ?? ''].filter(Boolean).join(' ');
}

/**
 * The polite announcement of a search's results. `found` is the search's count when asked for one
 * more than `SHOWN_OPTIONS`, so "more" can be told without counting every match.
 */
export function resultsMessage(query: string, found: number): string {
  if (query.trim() === '') return '';
  if (found === 0) return `No EWC code matches “${query.trim()}”.`;
  if (found > SHOWN_OPTIONS) return `More than ${SHOWN_OPTIONS} codes match; showing the first ${SHOWN_OPTIONS}. Type more to narrow them down.`;
  return found === 1 ? '1 code matches.' : `${found} codes match.`;
}
