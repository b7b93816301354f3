import { describe, expect, it } from 'vitest';
import type { PartyMatch } from '@/lib/address-book/schema';
import {
  activeOption,
  initialPickerState,
  keyDown,
  NEW_PARTY_OPTION,
  newPartyLabel,
  optionLabel,
  pickerReducer,
  resultsMessage,
  SHOWN_MATCHES,
  type PickerState,
} from './party-picker-logic';

const ids = ['a', 'b', NEW_PARTY_OPTION];
const typed = (query: string): PickerState => pickerReducer(initialPickerState, { type: 'typed', query });
const withActive = (activeId: string): PickerState => ({ query: 'acme', open: true, activeId });

/** Runs a key through keyDown and the reducer, as the picker does. */
function press(key: string, state: PickerState, optionIds: readonly string[] = ids) {
  const outcome = keyDown(key, state, optionIds, 'CARRIER');
  return { outcome, state: outcome?.action ? pickerReducer(state, outcome.action) : state };
}

const match = (overrides: Partial<PartyMatch> = {}): PartyMatch => ({
  id: 'a',
  kind: 'CARRIER',
  organisationName: 'Acme Haulage Ltd',
  registrationNumber: 'CBDU123456',
  reasonForNoRegistrationNumber: null,
  fullAddress: null,
  postcode: null,
  emailAddress: null,
  phoneNumber: null,
  meansOfTransport: null,
  vehicleRegistrations: [],
  ...overrides,
});

describe('typing', () => {
  it('opens the popup with no active option, and keeps it closed while the query is blank', () => {
    expect(typed('acme')).toEqual({ query: 'acme', open: true, activeId: null });
    expect(typed('  ')).toEqual({ query: '  ', open: false, activeId: null });
  });

  it('forgets the active option when the query changes', () => {
    expect(pickerReducer(withActive('b'), { type: 'typed', query: 'acm' }).activeId).toBeNull();
  });
});

describe('arrow keys', () => {
  it('Down moves to the first option, then the next, and wraps from "Enter a new carrier" to the first', () => {
    let state = typed('acme');
    for (const expected of ['a', 'b', NEW_PARTY_OPTION, 'a']) {
      state = press('ArrowDown', state).state;
      expect(state.activeId).toBe(expected);
    }
  });

  it('Up moves to the last option, and wraps from the first to the last', () => {
    expect(press('ArrowUp', typed('acme')).state.activeId).toBe(NEW_PARTY_OPTION);
    expect(press('ArrowUp', withActive('a')).state.activeId).toBe(NEW_PARTY_OPTION);
  });

  it('reopen a closed popup on the first option', () => {
    const closed = pickerReducer(withActive('b'), { type: 'closed' });
    expect(press('ArrowDown', closed).state).toEqual({ query: 'acme', open: true, activeId: 'a' });
  });

  it('start again from the top when the active option has gone from new results', () => {
    expect(press('ArrowDown', withActive('gone')).state.activeId).toBe('a');
  });

  it('are kept from moving the caret, but left alone with nothing to move through', () => {
    expect(keyDown('ArrowDown', typed('acme'), ids, 'CARRIER')?.preventDefault).toBe(true);
    expect(keyDown('ArrowDown', typed(''), [], 'CARRIER')).toBeUndefined();
  });
});

describe('the active option', () => {
  it('is the one highlighted while it is still shown and the popup open', () => {
    expect(activeOption(withActive('b'), ids)).toBe('b');
    expect(activeOption(withActive('b'), ['a', NEW_PARTY_OPTION])).toBeNull();
    expect(activeOption({ ...withActive('b'), open: false }, ids)).toBeNull();
  });
});

describe('Enter', () => {
  it('picks the active option, an entry or "Enter a new carrier"', () => {
    expect(keyDown('Enter', withActive('b'), ids, 'CARRIER')).toEqual({ effect: { kind: 'pick', optionId: 'b' }, preventDefault: true });
    expect(keyDown('Enter', withActive(NEW_PARTY_OPTION), ids, 'CARRIER')?.effect).toEqual({ kind: 'pick', optionId: NEW_PARTY_OPTION });
  });

  it('never picks an option that results arriving have taken away', () => {
    expect(keyDown('Enter', withActive('b'), ['c', NEW_PARTY_OPTION], 'CARRIER')?.effect).toEqual({
      kind: 'notice',
      message: 'Choose a carrier with the up and down arrow keys, then press Enter.',
    });
  });

  it('never submits the form, whatever the state', () => {
    for (const state of [initialPickerState, typed('acme'), withActive('a'), { ...withActive('a'), open: false }]) {
      for (const optionIds of [ids, []]) expect(keyDown('Enter', state, optionIds, 'BROKER_DEALER')?.preventDefault).toBe(true);
    }
  });

  it('with the list open and nothing highlighted, says how to choose', () => {
    expect(keyDown('Enter', typed('acme'), ids, 'BROKER_DEALER')?.effect).toEqual({
      kind: 'notice',
      message: 'Choose a broker or dealer with the up and down arrow keys, then press Enter.',
    });
  });
});

describe('Escape', () => {
  it('closes an open popup, keeping the query', () => {
    expect(press('Escape', withActive('a')).state).toEqual({ query: 'acme', open: false, activeId: null });
  });

  it('then clears the query, then leaves the key to the page', () => {
    const closed = press('Escape', withActive('a')).state;
    expect(press('Escape', closed).state).toEqual(initialPickerState);
    expect(keyDown('Escape', initialPickerState, [], 'CARRIER')).toBeUndefined();
  });
});

it('leaves other keys to the browser', () => {
  for (const key of ['a', 'Tab', 'Home', 'End', 'Backspace']) expect(keyDown(key, withActive('a'), ids, 'CARRIER')).toBeUndefined();
});

describe('what is read out', () => {
  it('an option: name, registration number or why there is none, the vehicle it was found by, postcode', () => {
    expect(optionLabel(match({ matchedVehicle: 'AB12 CDE', postcode: 'LS1 1AA' }))).toBe(
      'Acme Haulage Ltd, registration CBDU123456, vehicle AB12 CDE, LS1 1AA',
    );
    expect(optionLabel(match({ registrationNumber: null, reasonForNoRegistrationNumber: 'ONE_OFF' }))).toBe(
      'Acme Haulage Ltd, no registration number: One-off or infrequent waste transport',
    );
    expect(optionLabel(match({ kind: 'BROKER_DEALER', registrationNumber: null }))).toBe('Acme Haulage Ltd, no registration number');
    expect(newPartyLabel('BROKER_DEALER')).toBe('Enter a new broker or dealer');
  });

  it('the results, with a way on when nothing matches', () => {
    expect(resultsMessage(' zed ', 0, 'CARRIER')).toBe('No carrier in the address book matches “zed”. You can enter a new carrier.');
    expect(resultsMessage('acme', 1, 'CARRIER')).toBe('1 match in the address book.');
    expect(resultsMessage('acme', SHOWN_MATCHES, 'CARRIER')).toBe(`${SHOWN_MATCHES} matches in the address book.`);
    expect(resultsMessage('a', SHOWN_MATCHES + 1, 'CARRIER')).toBe(
      `More than ${SHOWN_MATCHES} match; showing the first ${SHOWN_MATCHES}. Type more to narrow them down.`,
    );
    expect(resultsMessage('  ', 0, 'CARRIER')).toBe('');
  });
});
