// Structured logs: one JSON object a line on stdout (stderr for warn/error). No console.log in server code.
// Keys that may hold secrets or personal data are redacted wherever they appear.
import { env } from './env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const REDACT = /pass(word)?|secret|token|authori[sz]ation|cookie|email|phone/i;

export type LogFields = Record<string, unknown>;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = REDACT.test(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

function threshold(): number {
  try {
    return order[env().LOG_LEVEL];
  } catch {
    return order.info;
  }
}

function write(level: Level, msg: string, fields: LogFields | undefined, bindings: LogFields) {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    msg,
    ...(redact({ ...bindings, ...fields }) as LogFields),
  });
  (order[level] >= order.warn ? process.stderr : process.stdout).write(line + '\n');
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

function make(bindings: LogFields): Logger {
  return {
    debug: (m, f) => write('debug', m, f, bindings),
    info: (m, f) => write('info', m, f, bindings),
    warn: (m, f) => write('warn', m, f, bindings),
    error: (m, f) => write('error', m, f, bindings),
    child: (b) => make({ ...bindings, ...b }),
  };
}

export const logger: Logger = make({});
