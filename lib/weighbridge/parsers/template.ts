// A frame layout an admin configures for an indicator none of the built-in parsers reads. Not a regular
// expression (a user's regex could backtrack for ever): a template of literal text and fixed-width
// fields, matched left to right in one pass.
//
//   ST,GS,{sign}{weight:7}{unit:2}           terminator CRLF
//   <STX>{status:1}{weight:8}<ETX>           terminator ETX
//
// Fields: {weight:N} the number (spaces, digits, '.', may carry its own sign), {sign} one of + - or space,
// {unit:N} kg/t/lb/g, {status:N} compared with the configured stable/motion/overload values,
// {mode:N} compared with the configured net value, {skip:N} ignored. Escapes: <STX> <ETX> <CR> <LF>.
import { z } from 'zod';
import type { FrameDecoder } from '../framing';
import { ascii7, garbage, parseNumber, printable, reading, unitFrom, type DecodeResult } from '../reading';

export const TEMPLATE_TERMINATORS = { CR: [0x0d], LF: [0x0a], CRLF: [0x0d, 0x0a], ETX: [0x03] } as const;

const shortValue = z.string().max(8).optional();
export const templateConfigSchema = z.object({
  template: z.string().trim().min(1, 'Enter the frame template').max(120, 'The frame template must be 120 characters or fewer'),
  terminator: z.enum(['CR', 'LF', 'CRLF', 'ETX']),
  stableWhen: shortValue,
  motionWhen: shortValue,
  overloadWhen: shortValue,
  netWhen: shortValue,
});
export type TemplateConfig = z.infer<typeof templateConfigSchema>;

type Token = { kind: 'literal'; text: string } | { kind: 'weight' | 'unit' | 'status' | 'mode' | 'skip'; width: number } | { kind: 'sign'; width: 1 };

const ESCAPES: Record<string, string> = { STX: '\x02', ETX: '\x03', CR: '\r', LF: '\n' };
const FIELD_KINDS = ['weight', 'unit', 'status', 'mode', 'skip'] as const;

/** Reads the template; a message naming the problem when it is not one. */
export function compileTemplate(template: string): { ok: true; tokens: Token[] } | { ok: false; message: string } {
  const tokens: Token[] = [];
  let literal = '';
  let i = 0;
  let weights = 0;
  const flush = () => {
    if (literal) tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  while (i < template.length) {
    const c = template[i];
    if (c === '<') {
      const close = template.indexOf('>', i);
      const name = close > 0 ? template.slice(i + 1, close) : '';
      if (!(name in ESCAPES)) return { ok: false, message: `Unknown <…> at position ${i + 1}: use <STX>, <ETX>, <CR> or <LF>` };
      literal += ESCAPES[name];
      i = close + 1;
    } else if (c === '{') {
      const close = template.indexOf('}', i);
      if (close < 0) return { ok: false, message: `Unclosed { at position ${i + 1}` };
      const [name = '', widthText] = template.slice(i + 1, close).split(':');
      flush();
      if (name === 'sign' && widthText === undefined) tokens.push({ kind: 'sign', width: 1 });
      else {
        const width = Number(widthText);
        if (!(FIELD_KINDS as readonly string[]).includes(name) || !Number.isInteger(width) || width < 1 || width > 16) {
          return {
            ok: false,
            message: `Field {${template.slice(i + 1, close)}} is not one of {weight:N}, {unit:N}, {status:N}, {mode:N}, {skip:N}, {sign} (N 1–16)`,
          };
        }
        if (name === 'weight') weights++;
        tokens.push({ kind: name as (typeof FIELD_KINDS)[number], width });
      }
      i = close + 1;
    } else {
      literal += c;
      i++;
    }
  }
  flush();
  if (weights !== 1) return { ok: false, message: 'The template needs exactly one {weight:N} field' };
  return { ok: true, tokens };
}

export function templateDecoder(config: TemplateConfig): FrameDecoder {
  const compiled = compileTemplate(config.template);
  const terminator = TEMPLATE_TERMINATORS[config.terminator];
  const termText = String.fromCharCode(...terminator);
  return {
    framing: { kind: 'line', terminator, maxLength: 160 },
    decode(frame): DecodeResult {
      if (!compiled.ok) return garbage(frame, compiled.message);
      let text = ascii7(frame);
      text = text.slice(0, text.length - termText.length);
      // A line-ended layout may carry the other half of CR LF at its start.
      if (text.charAt(0) === '\n' && !(compiled.tokens[0]?.kind === 'literal' && compiled.tokens[0].text.startsWith('\n'))) text = text.slice(1);
      let pos = 0;
      let sign = '';
      let weightText = '';
      let unitText = '';
      let status: string | undefined;
      let mode: string | undefined;
      for (const t of compiled.tokens) {
        if (t.kind === 'literal') {
          if (text.slice(pos, pos + t.text.length) !== t.text) return garbage(frame, `expected ${JSON.stringify(t.text)} at ${pos + 1}`);
          pos += t.text.length;
          continue;
        }
        const value = text.slice(pos, pos + t.width);
        if (value.length !== t.width) return garbage(frame, 'frame shorter than the template');
        pos += t.width;
        if (t.kind === 'sign') {
          if (value !== '+' && value !== '-' && value !== ' ') return garbage(frame, 'sign must be +, - or space');
          sign = value === '-' ? '-' : '';
        } else if (t.kind === 'weight') weightText = value;
        else if (t.kind === 'unit') unitText = value;
        else if (t.kind === 'status') status = value.trim();
        else if (t.kind === 'mode') mode = value.trim();
      }
      if (pos !== text.length) return garbage(frame, 'frame longer than the template');
      const overload = config.overloadWhen !== undefined && status === config.overloadWhen.trim();
      const trimmed = weightText.trim();
      const weight = parseNumber(sign && !trimmed.startsWith('-') ? sign + trimmed : trimmed);
      if (weight === null && !overload) return garbage(frame, 'weight is not a number');
      let stable: boolean | null = null;
      if (status !== undefined && config.stableWhen) stable = status === config.stableWhen.trim();
      else if (status !== undefined && config.motionWhen) stable = status !== config.motionWhen.trim();
      return {
        ok: true,
        reading: reading({
          weight: overload ? null : weight,
          unit: unitText ? unitFrom(unitText) : null,
          stable,
          overload,
          net: mode !== undefined && !!config.netWhen && mode === config.netWhen.trim(),
          raw: printable(frame),
        }),
      };
    },
  };
}
