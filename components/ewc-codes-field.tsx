'use client';
// A multi-select combobox for a waste item's EWC codes (WAI-ARIA 1.2 combobox with a listbox popup).
// Focus never leaves the input: the active option is conveyed by aria-activedescendant. Controlled, so
// it plugs into react-hook-form through <Controller>. Keyboard rules live in ./ewc-codes-field-logic.
import { useEffect, useImperativeHandle, useMemo, useReducer, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { formatEwcCode } from '@/lib/reference-data/ewc-format';
import type { ReferenceLookups } from '@/lib/reference-data/lookups';
import { chooseCode, codeLabel, comboboxReducer, initialComboboxState, keyDown, resultsMessage, SHOWN_OPTIONS } from './ewc-codes-field-logic';
import { comboboxInputAria, comboboxListboxAria } from './forms/combobox-aria';
import { handleComboboxKey } from './forms/combobox-keys';
import { describedBy, FieldFrame } from './forms/field-frame';
import { fieldId } from './forms/field-id';
import { Button } from '@/components/forms/button';

/** DWT accepts up to five EWC codes per waste item. */
export const DEFAULT_MAX_EWC_CODES = 5;

// Result counts are announced once typing pauses, not on every keystroke.
const RESULTS_ANNOUNCEMENT_DELAY_MS = 500;

export interface EwcCodesFieldProps {
  /** The form field's dotted name, e.g. "wasteItems.0.ewcCodes"; the input's id is fieldId(name). */
  name: string;
  label: string;
  hint?: string;
  /** Six-digit codes as DWT wants them ("170504"), in the order chosen. */
  value: readonly string[];
  onChange(codes: string[]): void;
  onBlur?(): void;
  error?: string;
  /** Until they arrive the field still takes a typed six-digit code. */
  lookups?: ReferenceLookups;
  /** The lists could not be loaded: say so instead of "loading". */
  lookupsFailed?: boolean;
  max?: number;
  disabled?: boolean;
  /** The text input, for react-hook-form's focus handling. */
  ref?: Ref<HTMLInputElement>;
  /** Codes to rank first (the site's most used). */
  preferred?: readonly string[];
}

export function EwcCodesField({
  name,
  label,
  hint,
  value,
  onChange,
  onBlur,
  error,
  lookups,
  lookupsFailed = false,
  max = DEFAULT_MAX_EWC_CODES,
  disabled,
  ref,
  preferred,
}: EwcCodesFieldProps) {
  const id = fieldId(name);
  const listboxId = `${id}-listbox`;
  const optionId = (code: string) => `${id}-option-${code}`;

  const [state, dispatch] = useReducer(comboboxReducer, initialComboboxState);
  /** Shown under the input: why a code was refused. */
  const [notice, setNotice] = useState('');
  /** Read out politely by screen readers. */
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => inputRef.current as HTMLInputElement, []);

  // One more than shown, so "more than 20 match" can be told without counting every match.
  const found = useMemo(() => lookups?.searchEwc(state.query, SHOWN_OPTIONS + 1, preferred) ?? [], [lookups, state.query, preferred]);
  const options = found.slice(0, SHOWN_OPTIONS);
  const expanded = state.open && options.length > 0;
  const active = expanded ? options[state.activeIndex] : undefined;
  const activeId = active ? optionId(active.code) : undefined;
  const noMatch = lookups !== undefined && state.query.trim() !== '' && found.length === 0;

  // A live region only speaks when its text changes; a trailing no-break space makes a repeat count.
  const announce = (message: string) => setAnnouncement((current) => (current === message ? `${message}\u00a0` : message));

  useEffect(() => {
    if (!lookups || state.query.trim() === '') return;
    const message = resultsMessage(state.query, found.length);
    const timer = setTimeout(() => announce(message), RESULTS_ANNOUNCEMENT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [lookups, state.query, found.length]);

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  function choose(code: string) {
    const outcome = chooseCode(value, code, { max, lookups });
    if (outcome.ok) {
      onChange(outcome.value);
      dispatch({ type: 'cleared' });
    }
    setNotice(outcome.ok ? '' : outcome.message);
    announce(outcome.message);
  }

  function remove(code: string) {
    onChange(value.filter((chosen) => chosen !== code));
    setNotice('');
    announce(`Removed ${codeLabel(code, lookups)}.`);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    handleComboboxKey(
      event,
      (key) => keyDown(key, state, { options, value }),
      dispatch,
      (effect) => {
        if (effect.kind === 'choose') choose(effect.code);
        else if (effect.kind === 'remove-last') remove(value[value.length - 1]!);
        else {
          setNotice(effect.message);
          announce(effect.message);
        }
      },
    );
  }

  function statusText(): string {
    if (notice) return notice;
    if (noMatch) return resultsMessage(state.query, 0);
    if (lookups) return '';
    return lookupsFailed
      ? 'The list of EWC codes could not be loaded. You can still type a six-digit code and press Enter.'
      : 'Loading the list of EWC codes… You can already type a six-digit code and press Enter.';
  }
  const status = statusText();
  const ariaDescribedBy = describedBy(id, { hint, error }, !lookups ? `${id}-status` : null);

  return (
    <FieldFrame id={id} labelId={`${id}-label`} label={label} hint={hint} error={error}>
      {/* Before the input, so Tab from the input goes on to the next field rather than through these. */}
      {value.length > 0 && (
        <ul aria-label={`${label} chosen`} className="mt-2 max-w-2xl space-y-1">
          {value.map((code) => (
            <li key={code} className="flex items-start gap-3 border-2 border-slate-300 bg-white px-2 py-1">
              <CodeDescription code={code} lookups={lookups} />
              <Button
                disabled={disabled}
                onClick={() => {
                  remove(code);
                  // The button disappears; the input is where the clerk carries on.
                  inputRef.current?.focus();
                }}
                variant="secondary"
                size="sm"
                className="ml-auto shrink-0 text-sm"
              >
                Remove<span className="sr-only"> {codeLabel(code, lookups)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="relative mt-1 max-w-2xl">
        <input
          ref={inputRef}
          id={id}
          {...comboboxInputAria({ listboxId, expanded, activeOptionId: activeId, error, describedBy: ariaDescribedBy })}
          disabled={disabled}
          value={state.query}
          onChange={(event) => {
            dispatch({ type: 'typed', query: event.target.value });
            setNotice('');
          }}
          onKeyDown={handleKeyDown}
          onBlur={() => {
            dispatch({ type: 'closed' });
            onBlur?.();
          }}
          className={`block w-full border-2 bg-white px-2 py-1.5 ${error ? 'border-danger-700' : 'border-slate-700'}`}
        />
        <ul
          {...comboboxListboxAria({ listboxId, labelId: `${id}-label`, expanded })}
          className="absolute z-20 mt-1 max-h-96 w-full overflow-y-auto border-2 border-slate-700 bg-white shadow-lg"
        >
          {expanded &&
            options.map((option, index) => {
              const isActive = index === state.activeIndex;
              return (
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- a combobox option: the keyboard works on the input (aria-activedescendant), clicks here.
                <li
                  key={option.code}
                  id={optionId(option.code)}
                  role="option"
                  aria-selected={isActive}
                  // Keep focus in the input: a click must not blur it and close the list first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(option.code)}
                  className={`flex cursor-pointer items-start gap-3 border-b border-slate-200 px-2 py-1.5 ${isActive ? 'bg-slate-900 text-white' : 'hover:bg-brand-50'}`}
                >
                  <CodeDescription code={option.code} lookups={lookups} />
                  {value.includes(option.code) && <span className="ml-auto shrink-0 text-sm font-semibold">Added</span>}
                </li>
              );
            })}
        </ul>
      </div>
      {status && (
        <p id={`${id}-status`} className={`mt-1 text-sm ${notice ? 'font-semibold' : 'text-slate-700'}`}>
          {status}
        </p>
      )}
      <div role="status" className="sr-only">
        {announcement}
      </div>
    </FieldFrame>
  );
}

/** "17 05 03*  [Hazardous]  soil and stones containing dangerous substances". */
function CodeDescription({ code, lookups }: { code: string; lookups?: ReferenceLookups }) {
  const entry = lookups?.ewcEntry(code);
  return (
    <span className="flex flex-wrap items-baseline gap-x-2">
      <span className="font-mono font-bold whitespace-nowrap">{formatEwcCode(code, entry?.isHazardous)}</span>
      {entry?.isHazardous && <span className="border border-danger-700 bg-white px-1 text-xs font-bold text-danger-700">Hazardous</span>}
      <span>{entry ? entry.description : lookups ? 'Not an EWC code' : ''}</span>
    </span>
  );
}
