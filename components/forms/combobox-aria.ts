// The WAI-ARIA 1.2 combobox contract shared by every combobox (EWC codes, address-book pickers): the
// same attributes on the text input and its listbox, so the widgets cannot drift apart.

/** Attributes of the combobox's text input (focus stays there; the active option is a descendant). */
export function comboboxInputAria(o: { listboxId: string; expanded: boolean; activeOptionId?: string; error?: string; describedBy?: string }) {
  return {
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': o.expanded,
    'aria-controls': o.listboxId,
    'aria-activedescendant': o.activeOptionId,
    'aria-invalid': o.error ? true : undefined,
    'aria-describedby': o.describedBy,
    autoComplete: 'off',
    autoCapitalize: 'off',
    spellCheck: false,
  } as const;
}

/**
 * Attributes of its listbox. Always rendered (hidden when closed) so aria-controls always points at it;
 * tabIndex -1 because Chromium puts a scrollable box in the Tab order, and Tab must go on to the next field.
 */
export function comboboxListboxAria(o: { listboxId: string; labelId: string; expanded: boolean }) {
  return { id: o.listboxId, role: 'listbox', 'aria-labelledby': o.labelId, tabIndex: -1, hidden: !o.expanded } as const;
}
