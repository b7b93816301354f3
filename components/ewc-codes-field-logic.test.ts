import { describe, expect, it } from 'vitest';
import { bundledLookups, type EwcSearchResult } from '@/lib/reference-data/catalogue';
import {
  chooseCode,
  codeLabel,
  comboboxReducer,
  initialComboboxState,
  keyDown,
  resultsMessage,
  SHOWN_OPTIONS,
  typedCode,
  type ComboboxState,
  type KeyContext,
} from './ewc-codes-field-logic';

const lookups = bundledLookups();
const options: EwcSearchResult[] = lookups.searchEwc('17 05', 3);
const typed = (query: string): ComboboxState => comboboxReducer(initialComboboxState, { type: 'typed', query });
const withActive = (activeIndex: number): ComboboxState => ({ query: '17 05', open: true, activeIndex });
const context = (overrides: Partial<KeyContext> = {}): KeyContext => ({ options, value: [], ...overrides });

/** Runs a key through keyDown and the reducer, as the field does. */
function press(key: string, state: ComboboxState, ctx: KeyContext = context()) {
  const outcome = keyDown(key, state, ctx);
  return { outcome, state: outcome?.action ? comboboxReducer(state, outcome.action) : state };
}

describe('typing', () => {
  it('opens the popup with no active option, and closes it when the query is blank', () => {
    expect(typed('soil')).toEqual({ query: 'soil', open: true, activeIndex: -1 });
    expect(typed('  ')).toEqual({ query: '  ', open: false, activeIndex: -1 });
  });

  it('forgets the active option when the query changes', () => {
    expect(comboboxReducer(withActive(2), { type: 'typed', query: '17 05 0' }).activeIndex).toBe(-1);
  });
});

describe('arrow keys', () => {
  it('Down moves to the first option, then the next, then wraps to the first', () => {
    let state = typed('17 05');
    state = press('ArrowDown', state).state;
    expect(state.activeIndex).toBe(0);
    state = press('ArrowDown', state).state;
    expect(state.activeIndex).toBe(1);
    state = press('ArrowDown', press('ArrowDown', state).state).state;
    expect(state.activeIndex).toBe(0);
  });

  it('Up moves to the last option, and wraps from the first to the last', () => {
    expect(press('ArrowUp', typed('17 05')).state.activeIndex).toBe(2);
    expect(press('ArrowUp', withActive(0)).state.activeIndex).toBe(2);
  });

  it('reopen a closed popup', () => {
    const closed = comboboxReducer(withActive(1), { type: 'closed' });
    expect(press('ArrowDown', closed).state).toEqual({ query: '17 05', open: true, activeIndex: 0 });
  });

  it('are stopped from moving the caret, but left alone when there is nothing to move through', () => {
    expect(keyDown('ArrowDown', typed('17 05'), context())?.preventDefault).toBe(true);
    expect(keyDown('ArrowDown', typed('zzz'), context({ options: [] }))).toBeUndefined();
  });
});

describe('Enter', () => {
  it('chooses the active option', () => {
    expect(keyDown('Enter', withActive(1), context())).toEqual({
      effect: { kind: 'choose', code: options[1]!.code },
      preventDefault: true,
    });
  });

  it('chooses a code typed in full, spaced or not, with or without the hazard asterisk', () => {
    for (const query of ['170504', '17 05 04', ' 17 05 04 ', '17-05-04', '17 05 04*']) {
      expect(keyDown('Enter', typed(query), context())?.effect).toEqual({ kind: 'choose', code: '170504' });
    }
  });

  it('prefers the active option to the typed text', () => {
    const state = { ...typed('170504'), activeIndex: 0 };
    expect(keyDown('Enter', state, context())?.effect).toEqual({ kind: 'choose', code: options[0]!.code });
  });

  it('never lets the browser submit the form, whatever the input holds', () => {
    for (const state of [initialComboboxState, typed('soil'), typed('zzz'), withActive(0), typed('17 05 04')]) {
      expect(keyDown('Enter', state, context())?.preventDefault).toBe(true);
    }
    expect(keyDown('Enter', typed('zzz'), context({ options: [] }))).toEqual({ preventDefault: true });
  });

  it('says how to choose when options are shown but none is active', () => {
    expect(keyDown('Enter', typed('soil'), context())?.effect).toMatchObject({ kind: 'notice' });
  });
});

describe('Escape', () => {
  it('closes the popup first, then clears the query, then is left to the page', () => {
    let { state, outcome } = press('Escape', withActive(1));
    expect(state).toEqual({ query: '17 05', open: false, activeIndex: -1 });
    expect(outcome?.preventDefault).toBe(true);
    ({ state } = press('Escape', state));
    expect(state).toEqual(initialComboboxState);
    expect(keyDown('Escape', state, context())).toBeUndefined();
  });

  it('clears the query at once when there is no popup to close', () => {
    expect(press('Escape', typed('zzz'), context({ options: [] })).state).toEqual(initialComboboxState);
  });
});

describe('Backspace and Tab', () => {
  it('Backspace in an empty input removes the last chosen code', () => {
    expect(keyDown('Backspace', initialComboboxState, context({ value: ['170504', '200301'] }))?.effect).toEqual({ kind: 'remove-last' });
  });

  it('Backspace edits the query as usual when there is one, and does nothing with nothing chosen', () => {
    expect(keyDown('Backspace', typed('17'), context({ value: ['170504'] }))).toBeUndefined();
    expect(keyDown('Backspace', initialComboboxState, context())).toBeUndefined();
  });

  it('Tab is left to the browser, so focus moves on (leaving the input closes the popup)', () => {
    expect(keyDown('Tab', withActive(0), context())).toBeUndefined();
  });
});

describe('choosing a code', () => {
  it('adds a known code after those already chosen', () => {
    const outcome = chooseCode(['200301'], '170504', { max: 5, lookups });
    expect(outcome).toEqual({ ok: true, value: ['200301', '170504'], message: `Added ${codeLabel('170504', lookups)}.` });
  });

  it('refuses a code already chosen', () => {
    expect(chooseCode(['170504'], '170504', { max: 5, lookups })).toMatchObject({ ok: false, message: expect.stringContaining('already added') });
  });

  it('refuses a code the lists do not hold', () => {
    expect(chooseCode([], '170599', { max: 5, lookups })).toEqual({ ok: false, message: '17 05 99 is not an EWC code.' });
  });

  it('takes any six-digit code while the lists are not loaded', () => {
    expect(chooseCode([], '170599', { max: 5 })).toMatchObject({ ok: true, value: ['170599'], message: 'Added 17 05 99.' });
  });

  it('refuses more than the maximum, saying what the maximum is', () => {
    const five = ['170504', '200301', '170101', '170201', '170202'];
    expect(chooseCode(five, '170107', { max: 5, lookups })).toEqual({
      ok: false,
      message: 'You can add up to 5 EWC codes. Remove one to add another.',
    });
    expect(chooseCode(['170504'], '200301', { max: 1, lookups }).ok).toBe(false);
  });
});

describe('wording', () => {
  it('reads a code with its printed form, hazard and description', () => {
    expect(codeLabel('170504', lookups)).toBe(`17 05 04 ${lookups.ewcDescription('170504')}`);
    expect(codeLabel('170503', lookups)).toBe(`17 05 03* (hazardous) ${lookups.ewcDescription('170503')}`);
    expect(codeLabel('170504')).toBe('17 05 04');
  });

  it('recognises only a code typed in full', () => {
    expect(typedCode('17 05 04*')).toBe('170504');
    expect(typedCode('17 05')).toBeUndefined();
    expect(typedCode('soil')).toBeUndefined();
  });

  it('counts results, and says when there are more than are shown', () => {
    expect(resultsMessage('', 0)).toBe('');
    expect(resultsMessage(' zzz ', 0)).toBe('No EWC code matches “zzz”.');
    expect(resultsMessage('170504', 1)).toBe('1 code matches.');
    expect(resultsMessage('17 05', 8)).toBe('8 codes match.');
    expect(resultsMessage('p', SHOWN_OPTIONS + 1)).toMatch(/^More than 20 codes match/);
  });
});
