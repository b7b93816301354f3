// A small rule engine that checks a JSON body the way DWT's validation (Joi 17, `abortEarly: false`,
// `convert: true`) does, so our verdict and error keys are DWT's:
// 1. `empty` values (Joi `.empty(null)`) count as not given;
// 2. presence: a missing required value is NotProvided, any value where none is allowed is NotAllowed,
//    and nothing else is checked;
// 3. `allow`ed values pass at once; a value outside an `only` list is InvalidValue, and the type is
//    still checked (so `5` for a pick list is both InvalidValue and InvalidType, as in DWT);
// 4. the type check (with an object's or array's contents); if it fails, the rules are skipped;
// 5. every rule runs, each adding its own errors.
// So a rule on an object (a cross-field rule) runs only when everything inside that object is fine,
// exactly as DWT's custom rules do. Pure: runs in the browser while the driver waits.

import type { DwtErrorType, DwtValidationError } from './errors';

export type Path = readonly (string | number)[];
/** The values above the one being checked, nearest first (Joi's `state.ancestors`). */
export type Ancestors = readonly unknown[];
export type Issue = DwtValidationError;

export type Check = (value: unknown, path: Path, ancestors: Ancestors) => Issue[];

export interface Rule {
  presence?: 'optional' | 'required' | 'forbidden';
  /** Joi `.empty(null)`: null counts as not given. */
  emptyNull?: boolean;
  /** Joi `.allow(...)`: these values pass as they are. */
  allow?: readonly unknown[];
  /** Joi `.valid(...)`: only these values (exact, case-sensitive). */
  only?: readonly unknown[];
  /** The type check; its errors stop the rules. */
  type: Check;
  rules?: readonly Check[];
  label: string;
  messages?: { required?: string; forbidden?: string; only?: string };
}

/** A field whose rule depends on its siblings (Joi `.when`). */
export type Field = Rule | ((parent: Record<string, unknown>) => Rule);

export const keyOf = (path: Path): string => path.map(String).join('.');

export function issue(path: Path, errorType: DwtErrorType, message: string): Issue {
  return { key: keyOf(path), errorType, message };
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isNonEmptyArray = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0;
const quote = (values: readonly unknown[]) => values.map((value) => (typeof value === 'string' ? `"${value}"` : String(value))).join(', ');

/** The value as the rule sees it: undefined when not given (null counts as not given under `emptyNull`). */
const givenValue = (rule: Rule, input: unknown): unknown => (rule.emptyNull && input === null ? undefined : input);

export function check(rule: Rule, input: unknown, path: Path, ancestors: Ancestors): Issue[] {
  const value = givenValue(rule, input);
  const presence = rule.presence ?? 'optional';
  if (value === undefined) {
    return presence === 'required' ? [issue(path, 'NotProvided', rule.messages?.required ?? `${rule.label} is required`)] : [];
  }
  if (presence === 'forbidden') return [issue(path, 'NotAllowed', rule.messages?.forbidden ?? `${rule.label} must be left out here`)];
  if (rule.allow?.includes(value)) return [];

  const errors: Issue[] = [];
  if (rule.only) {
    if (rule.only.includes(value)) return [];
    const shown = typeof value === 'string' ? ` (exactly as written), not "${value}"` : '';
    errors.push(issue(path, 'InvalidValue', rule.messages?.only ?? `${rule.label} must be one of ${quote(rule.only)}${shown}`));
  }
  const typeErrors = rule.type(value, path, ancestors);
  if (typeErrors.length > 0) return [...errors, ...typeErrors];
  for (const each of rule.rules ?? []) errors.push(...each(value, path, ancestors));
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

interface Options {
  presence?: Rule['presence'];
  emptyNull?: boolean;
  allow?: readonly unknown[];
  only?: readonly unknown[];
  rules?: readonly Check[];
  messages?: Rule['messages'];
}

/** Joi `string()`: not a string is InvalidType, "" is InvalidValue (unless allowed). */
export function string(label: string, options: Options = {}): Rule {
  return {
    ...options,
    label,
    type: (value, path) => {
      if (typeof value !== 'string') return [issue(path, 'InvalidType', `${label} must be text`)];
      if (value === '') return [issue(path, 'InvalidValue', `${label} cannot be blank: leave it out if there isn't one`)];
      return [];
    },
  };
}

/** Joi `number().strict()`: a number (never "150"); outside the safe range is DWT's UnexpectedError. */
export function number(label: string, options: Options = {}): Rule {
  return {
    ...options,
    label,
    type: (value, path) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return [issue(path, 'InvalidType', `${label} must be a number`)];
      if (value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER) return [issue(path, 'UnexpectedError', `${label} is too large`)];
      return [];
    },
  };
}

/** Joi `boolean().strict()`: true or false, never "true". */
export function boolean(label: string, options: Options = {}): Rule {
  return {
    ...options,
    label,
    type: (value, path) => (typeof value === 'boolean' ? [] : [issue(path, 'InvalidType', `${label} must be true or false (not text)`)]),
  };
}

/** A value of any type, judged only by its rules (Joi `custom` on `any`). */
export function any(label: string, options: Options = {}): Rule {
  return { ...options, label, type: () => [] };
}

export function object(label: string, shape: Readonly<Record<string, Field>>, options: Options & { dependencies?: Check } = {}): Rule {
  const fields = Object.entries(shape);
  return {
    ...options,
    label,
    type: (value, path, ancestors) => {
      if (!isRecord(value)) return [issue(path, 'InvalidType', `${label} must be a set of fields (a JSON object)`)];
      const inner = [value, ...ancestors];
      const errors: Issue[] = [];
      for (const [key, field] of fields) {
        const rule = typeof field === 'function' ? field(value) : field;
        // Not given and not required: check() would find nothing, so skip building its path (most of a
        // movement's optional fields, on every validation, in the browser and in a worker at 200 a second).
        if (givenValue(rule, value[key]) === undefined && rule.presence !== 'required') continue;
        errors.push(...check(rule, value[key], [...path, key], inner));
      }
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key)) errors.push(issue([...path, key], 'NotAllowed', `"${key}" is not a field DWT accepts here; remove it`));
      }
      if (options.dependencies) errors.push(...options.dependencies(value, path, ancestors));
      return errors;
    },
  };
}

/** Joi `array().items(item)`: the items are a rule, so min/max and custom rules run beside them. */
export function array(label: string, item: Rule, options: Options & { min?: [number, string]; max?: [number, string] } = {}): Rule {
  const itemRule: Rule = { ...item, presence: item.presence ?? 'optional' };
  const itemsRule: Check = (value, path, ancestors) => {
    const list = value as unknown[];
    const inner = [list, ...ancestors];
    return list.flatMap((entry, index) => check(itemRule, entry, [...path, index], inner));
  };
  const rules: Check[] = [itemsRule];
  if (options.min) {
    const [min, message] = options.min;
    rules.push((value, path) => ((value as unknown[]).length < min ? [issue(path, 'OutOfRange', message)] : []));
  }
  if (options.max) {
    const [max, message] = options.max;
    rules.push((value, path) => ((value as unknown[]).length > max ? [issue(path, 'OutOfRange', message)] : []));
  }
  rules.push(...(options.rules ?? []));
  return {
    ...options,
    label,
    rules,
    type: (value, path) => (Array.isArray(value) ? [] : [issue(path, 'InvalidType', `${label} must be a list`)]),
  };
}

/** A rule on a string/number that adds one error when `test` fails. */
export function must(test: (value: never) => boolean, errorType: DwtErrorType, message: (value: never) => string): Check {
  return (value, path) => (test(value as never) ? [] : [issue(path, errorType, message(value as never))]);
}
