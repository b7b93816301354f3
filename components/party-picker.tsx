'use client';
// Finds a carrier (or broker/dealer) in the site's address book by name, registration number or
// vehicle registration: a WAI-ARIA 1.2 combobox with a listbox popup. Focus never leaves the input; the
// active option is conveyed by aria-activedescendant. Not a form field itself: a pick hands the entry to
// `onPick`, which fills the real fields. Keyboard rules live in ./party-picker-logic. Searches go through
// TanStack Query with the page's one client (./query-client); the load form loads this file once it is on
// screen (load-form/address-book-pickers.tsx), so neither is in the page's first download.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getQueryClient } from './query-client';
import { comboboxInputAria, comboboxListboxAria } from './forms/combobox-aria';
import { handleComboboxKey } from './forms/combobox-keys';
import { describedBy, FieldFrame } from './forms/field-frame';
import { useEffect, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { findCarrierByVehicleAction, searchPartiesAction } from '@/lib/address-book/actions';
import { matchKey, partyKindNouns, VEHICLE_LOOKUP_MIN_LENGTH } from '@/lib/address-book/keys';
import type { PartyEntry, PartyKind, PartyMatch } from '@/lib/address-book/schema';
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
} from './party-picker-logic';

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const SEARCH_DEBOUNCE_MS = 150;

export const addressBookQueryKeys = {
  /** Everything cached for a site's address book: invalidate it once an entry has been saved. */
  site: (siteId: string) => ['address-book', siteId] as const,
  search: (siteId: string, kind: PartyKind, query: string) => ['address-book', siteId, 'search', kind, query] as const,
  vehicle: (siteId: string, key: string) => ['address-book', siteId, 'vehicle', key] as const,
};

/** After a save that may have added a carrier or a vehicle: the site's cached searches are stale. */
export function invalidateAddressBook(siteId: string): Promise<void> {
  return getQueryClient().invalidateQueries({ queryKey: addressBookQueryKeys.site(siteId) });
}

/** A refusal becomes a query error; retrying cannot cure it, and the next keystroke asks again anyway. */
async function unwrap<T>(pending: Promise<ActionResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(result.formError ?? 'The address book could not be searched.');
  return result.data;
}

function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export interface PartyPickerProps {
  /** The input's id, for the label and the error summary's link. */
  id: string;
  label: string;
  hint?: string;
  siteId: string;
  kind: PartyKind;
  /**
   * An entry was chosen: fill the form's fields from it (`matchedVehicle` is the vehicle it was found
   * by, if it was). The picker clears itself; focus stays in it.
   */
  onPick(entry: PartyMatch): void;
  /** "Enter a new carrier" was chosen, with what had been typed (often the name): move to the fields. */
  onNew?(typed: string): void;
  error?: string;
  disabled?: boolean;
}

export function PartyPicker({ id, label, hint, siteId, kind, onPick, onNew, error, disabled }: PartyPickerProps) {
  const listboxId = `${id}-listbox`;
  const optionElementId = (optionId: string) => `${id}-option-${optionId}`;

  const [state, dispatch] = useReducer(pickerReducer, initialPickerState);
  const input = useRef<HTMLInputElement>(null);
  // The load form's pickers arrive a moment after the page (their own chunk): what was typed in the
  // server-rendered box before then is taken up, not wiped by the first render.
  useEffect(() => {
    const typed = input.current?.value ?? '';
    if (typed === '') return;
    dispatch({ type: 'typed', query: typed });
    if (document.activeElement !== input.current) dispatch({ type: 'closed' });
  }, []);
  /** Shown under the input, and read out. */
  const [notice, setNotice] = useState('');
  /** Read out politely by screen readers. */
  const [announcement, setAnnouncement] = useState('');
  // A live region only speaks when its text changes; a trailing no-break space makes a repeat count.
  const announce = (message: string) => setAnnouncement((current) => (current === message ? `${message}\u00a0` : message));

  const query = state.query.trim();
  const searched = useDebouncedValue(query, SEARCH_DEBOUNCE_MS);
  const search = useQuery(
    {
      queryKey: addressBookQueryKeys.search(siteId, kind, searched),
      // One more than shown, so "more than 8 match" can be told.
      queryFn: () => unwrap(searchPartiesAction({ siteId, kind, query: searched, limit: SHOWN_MATCHES + 1 })),
      enabled: searched !== '',
      placeholderData: keepPreviousData,
      retry: false,
    },
    getQueryClient(),
  );

  const matches: PartyMatch[] = query === '' ? [] : (search.data ?? []).slice(0, SHOWN_MATCHES);
  const optionIds = query === '' ? [] : [...matches.map((m) => m.id), NEW_PARTY_OPTION];
  const expanded = state.open && optionIds.length > 0;
  const activeId = activeOption(state, optionIds);

  // Results are read out once they belong to what was typed, not while older ones stand in for them.
  const settled = search.isSuccess && !search.isPlaceholderData && searched === query;
  const found = settled ? search.data.length : undefined;
  useEffect(() => {
    if (found !== undefined) announce(resultsMessage(query, found, kind));
  }, [found, query, kind]);

  const searchFailed = search.isError && query !== '';
  const failure = `The address book could not be searched just now. You can still enter the ${partyKindNouns[kind]}’s details.`;
  useEffect(() => {
    if (searchFailed) announce(failure);
  }, [searchFailed, failure]);

  useEffect(() => {
    if (activeId) document.getElementById(`${id}-option-${activeId}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, activeId]);

  function pick(optionId: string) {
    const typed = state.query.trim();
    dispatch({ type: 'cleared' });
    setNotice('');
    if (optionId === NEW_PARTY_OPTION) {
      announce(`Enter the new ${partyKindNouns[kind]}’s details.`);
      onNew?.(typed);
      return;
    }
    const entry = matches.find((m) => m.id === optionId);
    if (!entry) return;
    announce(`${entry.organisationName} chosen from the address book.`);
    onPick(entry);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    handleComboboxKey(
      event,
      (key) => keyDown(key, state, optionIds, kind),
      dispatch,
      (effect) => {
        if (effect.kind === 'pick') pick(effect.optionId);
        else {
          setNotice(effect.message);
          announce(effect.message);
        }
      },
    );
  }

  const status = notice || (searchFailed ? failure : '');
  const ariaDescribedBy = describedBy(id, { hint, error }, status ? `${id}-status` : null);

  return (
    <FieldFrame id={id} labelId={`${id}-label`} label={label} hint={hint} error={error}>
      <div className="relative mt-1 max-w-2xl">
        <input
          ref={input}
          id={id}
          {...comboboxInputAria({ listboxId, expanded, activeOptionId: activeId ? optionElementId(activeId) : undefined, error, describedBy: ariaDescribedBy })}
          disabled={disabled}
          value={state.query}
          onChange={(event) => {
            dispatch({ type: 'typed', query: event.target.value });
            setNotice('');
          }}
          onKeyDown={handleKeyDown}
          onBlur={() => dispatch({ type: 'closed' })}
          className={`block w-full max-w-md border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'}`}
        />
        <ul
          {...comboboxListboxAria({ listboxId, labelId: `${id}-label`, expanded })}
          className="absolute z-20 mt-1 max-h-96 w-full overflow-y-auto border-2 border-slate-700 bg-white shadow-lg"
        >
          {expanded &&
            [...matches, null].map((match) => {
              const optionId = match ? match.id : NEW_PARTY_OPTION;
              const isActive = optionId === activeId;
              return (
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- a combobox option: the keyboard works on the input (aria-activedescendant), clicks here.
                <li
                  key={optionId}
                  id={optionElementId(optionId)}
                  role="option"
                  aria-selected={isActive}
                  aria-label={match ? optionLabel(match) : newPartyLabel(kind)}
                  // Keep focus in the input: a click must not blur it and close the list first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => pick(optionId)}
                  className={`cursor-pointer border-b border-slate-200 px-2 py-1.5 ${isActive ? 'bg-slate-900 text-white' : 'hover:bg-brand-50'}`}
                >
                  {match ? <MatchDescription match={match} /> : <span className="font-semibold underline">{newPartyLabel(kind)}</span>}
                </li>
              );
            })}
        </ul>
      </div>
      {status && (
        <p id={`${id}-status`} className="mt-1 text-sm font-semibold">
          {status}
        </p>
      )}
      <div role="status" className="sr-only">
        {announcement}
      </div>
    </FieldFrame>
  );
}

/** Name, then registration number, the vehicle it was found by and postcode, to tell similar names apart. */
function MatchDescription({ match }: { match: PartyMatch }) {
  return (
    <span className="flex flex-wrap items-baseline gap-x-3">
      <span className="font-semibold">{match.organisationName}</span>
      <span className="font-mono">{match.registrationNumber ?? 'No registration number'}</span>
      {match.matchedVehicle && (
        <span className="border border-current px-1 text-sm font-semibold">
          Vehicle <span className="font-mono">{match.matchedVehicle}</span>
        </span>
      )}
      {match.postcode && <span className="text-sm">{match.postcode}</span>}
    </span>
  );
}

export interface CarrierByVehicle {
  /** The site's carrier known to drive this vehicle; null when none is (or the registration is too short). */
  carrier: PartyEntry | null;
  isFetching: boolean;
}

/**
 * The carrier a typed vehicle registration belongs to, looked up once typing pauses and the
 * registration has at least two letters or digits. Compared ignoring spaces, hyphens and case.
 */
export function useCarrierByVehicle(siteId: string, vehicleRegistration: string): CarrierByVehicle {
  const key = useDebouncedValue(matchKey(vehicleRegistration), SEARCH_DEBOUNCE_MS);
  const enabled = key.length >= VEHICLE_LOOKUP_MIN_LENGTH;
  const lookup = useQuery(
    {
      queryKey: addressBookQueryKeys.vehicle(siteId, key),
      queryFn: () => unwrap(findCarrierByVehicleAction({ siteId, vehicleRegistration: key })),
      enabled,
      retry: false,
    },
    getQueryClient(),
  );
  return { carrier: enabled ? (lookup.data ?? null) : null, isFetching: lookup.isFetching };
}
