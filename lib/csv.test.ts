import { describe, expect, it } from 'vitest';
import { csvQuote, csvText } from './csv';

describe('csvText', () => {
  it.each(["-2+3+cmd|' /C calc'!A0", '+1+HYPERLINK("http://evil.example")', '=1+1', '@SUM(A1)', '\tcmd', '\rcmd', '-x', '+44 20 7946 0000'])(
    'never leaves %j to be read as a formula',
    (v) => {
      const out = csvText(v);
      expect(out.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );

  it('quotes commas, quotes and line ends, and leaves plain text alone', () => {
    expect(csvText('Acme Ltd')).toBe('Acme Ltd');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvQuote('-1.5')).toBe('-1.5');
  });
});
