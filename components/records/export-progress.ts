// Counting an export's rows in the browser while it downloads, for the progress bar. The server sends
// the total in a header; CSV and JSON rows are counted exactly from the bytes as they arrive (no
// parsing, no second request, no server-side progress channel). An .xlsx is deflated, so its rows
// cannot be seen without inflating it: for Excel the bar shows bytes received, without a total.
import type { ExportFormat } from '@/lib/records/export-schema';

const QUOTE = 0x22;
const LF = 0x0a;

export interface RowCounter {
  /** Feed the next chunk; returns the rows completed so far (the heading not counted). */
  push(chunk: Uint8Array): number;
  readonly bytes: number;
  /** False when the format's rows cannot be counted (xlsx). */
  readonly countsRows: boolean;
}

/**
 * CSV (RFC 4180): a row ends at a line feed outside quotes; a doubled quote inside a quoted cell
 * toggles twice, so a simple quote toggle is exact. UTF-8 never puts these bytes inside a character.
 * JSON: the export writes one row object a line, and JSON strings never hold a raw line feed.
 */
export function rowCounter(format: ExportFormat): RowCounter {
  let bytes = 0;
  let lineEnds = 0;
  let quoted = false;
  return {
    get bytes() {
      return bytes;
    },
    countsRows: format !== 'xlsx',
    push(chunk) {
      bytes += chunk.length;
      if (format === 'csv') {
        for (let i = 0; i < chunk.length; i++) {
          const b = chunk[i];
          if (b === QUOTE) quoted = !quoted;
          else if (b === LF && !quoted) lineEnds++;
        }
        return Math.max(lineEnds - 1, 0); // the heading line
      }
      if (format === 'json') {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === LF) lineEnds++;
        return lineEnds; // "[" then "\n{…}" per row; the closing "\n]" is capped by the total
      }
      return 0;
    },
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** "weighbook-loads-2026-11-22.csv" from `attachment; filename="…"`, else a fallback. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  const m = header ? /filename="([^"]+)"/.exec(header) : null;
  return m?.[1] ?? fallback;
}
