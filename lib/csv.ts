// One CSV cell, the same in every export: RFC 4180 quoting, and text that a spreadsheet would read as
// a formula (=, +, -, @, tab, carriage return at the start: "-2+3+cmd|…", "+1+HYPERLINK(…)") is
// prefixed with an apostrophe so it stays text (OWASP's advice for CSV injection).

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text value as a CSV cell: never a formula, quoted when it holds a quote, comma or line end. */
export function csvText(value: string): string {
  const s = FORMULA_START.test(value) ? `'${value}` : value;
  return csvQuote(s);
}

/** A value already safe from formula reading (a number, Yes/No), quoted when it needs to be. */
export function csvQuote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
