'use client';
// Export the filtered list (the filters in the page's URL) as CSV, Excel or JSON. The file streams from
// /api/loads/export; rows are counted as they arrive (export-progress.ts) against the total the server
// sends ahead, so a long export shows how far it has got and can be cancelled. The finished file is
// handed to the browser as a download.
import { useSearchParams } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { EXPORT_FORMATS, EXPORT_ROWS_HEADER, exportFormatLabels, type ExportFormat } from '@/lib/records/export-schema';
import { filenameFromDisposition, formatBytes, rowCounter } from './export-progress';
import { Button } from '@/components/forms/button';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; rows: number; total: number; bytes: number; countsRows: boolean; announced: string }
  | { kind: 'done'; message: string }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

const n = (v: number) => v.toLocaleString('en-GB');
/** Re-render at most this often while bytes pour in. */
const UPDATE_MS = 200;

function progressText(rows: number, total: number) {
  return `Exported ${n(rows)} of ${n(total)} ${total === 1 ? 'row' : 'rows'}`;
}

/** What the live region says: only every tenth of the way (or every 5 MB), so screen readers are not flooded. */
function announcement(s: { rows: number; total: number; bytes: number; countsRows: boolean }): string {
  if (!s.countsRows) return `Exporting: ${formatBytes(Math.floor(s.bytes / (5 * 1024 * 1024)) * 5 * 1024 * 1024)} received`;
  const step = Math.max(Math.ceil(s.total / 10), 1);
  return progressText(Math.min(Math.floor(s.rows / step) * step, s.total), s.total);
}

export function ExportControls() {
  const searchParams = useSearchParams();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const id = useId();
  useEffect(() => () => abort.current?.abort(), []);

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    const params = new URLSearchParams(searchParams.toString());
    params.delete('page');
    params.delete('pageSize');
    params.set('format', format);
    setState({ kind: 'running', rows: 0, total: 0, bytes: 0, countsRows: format !== 'xlsx', announced: 'Export started' });
    try {
      const response = await fetch(`/api/loads/export?${params.toString()}`, { signal: controller.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setState({ kind: 'error', message: body?.error ?? `The export failed (${response.status}). Try again.` });
        return;
      }
      const total = Number(response.headers.get(EXPORT_ROWS_HEADER) ?? 0);
      const counter = rowCounter(format);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      const reader = response.body.getReader();
      let rows = 0;
      let last = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        rows = Math.min(counter.push(value), total);
        const now = performance.now();
        if (now - last > UPDATE_MS) {
          last = now;
          const s = { rows, total, bytes: counter.bytes, countsRows: counter.countsRows };
          setState({ kind: 'running', ...s, announced: announcement(s) });
        }
      }
      const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
      const filename = filenameFromDisposition(response.headers.get('Content-Disposition'), `weighbook-loads.${format}`);
      const url = URL.createObjectURL(new Blob(chunks, { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: 'done', message: `Exported ${n(total)} ${total === 1 ? 'row' : 'rows'} to ${filename} (${formatBytes(counter.bytes)}).` });
    } catch (error) {
      if (controller.signal.aborted) setState({ kind: 'cancelled' });
      else setState({ kind: 'error', message: `The export stopped before it finished${error instanceof Error ? ` (${error.message})` : ''}. Try again.` });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  }

  const running = state.kind === 'running';
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-6 border border-slate-300 bg-white p-4">
      <h2 id={`${id}-heading`} className="mb-2 text-lg font-bold">
        Export these loads
      </h2>
      <p className="mb-3 text-sm">One row per waste item, with the filters above applied.</p>
      <div className="flex flex-wrap items-end gap-4">
        <fieldset disabled={running}>
          <legend className="font-semibold">File format</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {EXPORT_FORMATS.map((f) => (
              <label key={f} className="flex items-center gap-2">
                <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} className="h-5 w-5" />
                {exportFormatLabels[f]}
              </label>
            ))}
          </div>
        </fieldset>
        {running ? (
          <Button onClick={() => abort.current?.abort()} variant="secondary">
            Cancel export
          </Button>
        ) : (
          <Button onClick={run}>Export</Button>
        )}
      </div>
      {running && (
        <div className="mt-3">
          <label htmlFor={`${id}-progress`} className="block text-sm font-semibold">
            Export progress
          </label>
          {state.countsRows && state.total > 0 ? (
            <progress
              id={`${id}-progress`}
              max={state.total}
              value={state.rows}
              className="w-full max-w-md"
              aria-valuetext={progressText(state.rows, state.total)}
            />
          ) : (
            <progress id={`${id}-progress`} className="w-full max-w-md" aria-valuetext={`${formatBytes(state.bytes)} received`} />
          )}
          <p className="text-sm" aria-hidden="true">
            {state.countsRows
              ? progressText(state.rows, state.total)
              : `${formatBytes(state.bytes)} received${state.total ? ` (${n(state.total)} rows in all)` : ''}`}
          </p>
        </div>
      )}
      <p role="status" className="mt-3" aria-live="polite">
        {state.kind === 'running' ? (
          <span className="sr-only">{state.announced}</span>
        ) : state.kind === 'done' ? (
          state.message
        ) : state.kind === 'cancelled' ? (
          'Export cancelled. Nothing was saved.'
        ) : (
          ''
        )}
      </p>
      {state.kind === 'error' && (
        <p role="alert" className="mt-3 border-l-4 border-danger-700 bg-white p-3 font-semibold text-danger-700">
          {state.message}
        </p>
      )}
    </section>
  );
}
