// The party picker's behaviour without React or the DOM: what each key does to the query, the popup and
// the active option, and what is read out. components/party-picker.tsx renders it; keeping it pure lets
// every keyboard rule be tested directly.
import { comboboxKeyDown, type KeyOutcome as GenericKeyOutcome } from './forms/combobox-keys';
import { REASON_FOR_NO_REGISTRATION_NUMBER_LABELS } from '@/lib/dwt/labels';
import { partyKindNouns } from '@/lib/address-book/keys';
import type { PartyKind, PartyMatch } from '@/lib/address-book/schema';

/** Matches shown at once: enough to tell similar names apart, few enough to scan while a driver waits. */
export const SHOWN_MATCHES = 8;

/** The id of the last option, "Enter a new carrier"; entries' ids are UUIDs, so it cannot clash. */
export const NEW_PARTY_OPTION = 'new';

export interface PickerState {
  query: string;
  /** Whether the popup may show; it shows only while the query is not blank. */
  open: boolean;
  /**
   * The active option by id rather than position: results arriving while the clerk arrows through them
   * must not move the highlight onto another carrier just before Enter.
   */
  activeId: string | null;
}

export const initialPickerState: PickerState = { query: '', open: false, activeId: null };

export type PickerAction =
  { type: 'typed'; query: string } | { type: 'moved'; step: 1 | -1; optionIds: readonly string[] } | { type: 'closed' } | { type: 'cleared' };

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'typed':
      return { query: action.query, open: action.query.trim() !== '', activeId: null };
    case 'moved': {
      const ids = action.optionIds;
      if (ids.length === 0) return state;
      // Opening with Down lands on the first option, with Up on the last; both wrap around.
      const from = state.open && state.activeId !== null ? ids.indexOf(state.activeId) : -1;
      const next = from === -1 ? (action.step === 1 ? 0 : ids.length - 1) : (from + action.step + ids.length) % ids.length;
      return { ...state, open: true, activeId: ids[next]! };
    }
    case 'closed':
      return { ...state, open: false, activeId: null };
    case 'cleared':
      return initialPickerState;
  }
}

/** The active option, if it is still one of those shown. */
export function activeOption(state: PickerState, optionIds: readonly string[]): string | null {
  return state.open && state.activeId !== null && optionIds.includes(state.activeId) ? state.activeId : null;
}

export type KeyEffect = { kind: 'pick'; optionId: string } | { kind: 'notice'; message: string };

export type KeyOutcome = GenericKeyOutcome<PickerAction, KeyEffect>;

/**
 * What a key pressed in the input does (the shared combobox keys, see components/forms/combobox-keys),
 * or undefined to leave it to the browser. Enter picks the active option.
 */
export function keyDown(key: string, state: PickerState, optionIds: readonly string[], kind: PartyKind): KeyOutcome | undefined {
  const expanded = state.open && optionIds.length > 0;
  return comboboxKeyDown<PickerAction, KeyEffect>(key, {
    optionCount: optionIds.length,
    expanded,
    query: state.query,
    moved: (step) => ({ type: 'moved', step, optionIds }),
    closed: { type: 'closed' },
    cleared: { type: 'cleared' },
    enter: () => {
      const active = activeOption(state, optionIds);
      if (active) return { effect: { kind: 'pick', optionId: active } };
      if (expanded) return { effect: { kind: 'notice', message: `Choose a ${partyKindNouns[kind]} with the up and down arrow keys, then press Enter.` } };
      return {};
    },
  });
}

/** How an option is read out: "Acme Haulage Ltd, registration CBDU123456, vehicle AB12 CDE, LS1 1AA". */
export function optionLabel(match: PartyMatch): string {
  const registration = match.registrationNumber
    ? `registration ${match.registrationNumber}`
    : match.reasonForNoRegistrationNumber
      ? `no registration number: ${REASON_FOR_NO_REGISTRATION_NUMBER_LABELS[match.reasonForNoRegistrationNumber]}`
      : 'no registration number';
  return [match.organisationName, registration, match.matchedVehicle && `vehicle ${match.matchedVehicle}`, match.postcode].filter(Boolean).join(', ');
}

export function newPartyLabel(kind: PartyKind): string {
  return `Enter a new ${partyKindNouns[kind]}`;
}

/**
 * The polite announcement of a search's results. `found` is the count when asked for one more than
 * `SHOWN_MATCHES`, so "more" can be told without counting every match.
 */
export function resultsMessage(query: string, found: number, kind: PartyKind): string {
  const noun = partyKindNouns[kind];
  if (query.trim() === '') return '';
  if (found === 0) return `No ${noun} in the address book matches “${query.trim()}”. You can enter a new ${noun}.`;
  if (found > SHOWN_MATCHES) return `More than ${SHOWN_MATCHES} match; showing the first ${SHOWN_MATCHES}. Type more to narrow them down.`;
  return found === 1 ? '1 match in the address book.' : `${found} matches in the address book.`;
}
