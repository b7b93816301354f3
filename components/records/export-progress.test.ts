import { describe, expect, it } from 'vitest';
import { csvEncoder, jsonEncoder, rowsOf, type ExportLoad } from '@/lib/records/export-format';
import { filenameFromDisposition, rowCounter } from './export-progress';

const load: ExportLoad = {
  id: 'x',
  receivedAt: new Date(),
  siteName: 'S',
  ticketNumber: '1',
  received: '2026-11-20 09:15',
  due: null,
  status: 'PENDING',
  warnings: 0,
  wasteTrackingId: null,
  codesToFollow: false,
  netWeight: null,
  weightUnit: null,
  movement: { wasteItems: [{ wasteDescription: 'two\r\nlines, "quoted"\n' }, { wasteDescription: 'x' }] },
};

function countInPieces(format: 'csv' | 'json', text: string, size: number): number {
  const bytes = new TextEncoder().encode(text);
  const counter = rowCounter(format);
  let rows = 0;
  for (let i = 0; i < bytes.length; i += size) rows = counter.push(bytes.subarray(i, i + size));
  return rows;
}

describe('counting rows while a file downloads', () => {
  it('counts CSV rows exactly, line breaks inside quoted cells included, whatever the chunking', () => {
    const e = csvEncoder();
    const text = e.start + e.rows([...rowsOf(load), ...rowsOf(load)], true) + e.end;
    for (const size of [1, 3, 64, 100_000]) expect(countInPieces('csv', text, size)).toBe(4);
  });

  it('counts JSON rows by their lines', () => {
    const e = jsonEncoder();
    const text = e.start + e.rows(rowsOf(load), true) + e.rows(rowsOf(load), false);
    for (const size of [1, 7, 100_000]) expect(countInPieces('json', text, size)).toBe(4);
  });

  it('counts only bytes for xlsx', () => {
    const c = rowCounter('xlsx');
    expect(c.push(new Uint8Array(10))).toBe(0);
    expect(c.bytes).toBe(10);
    expect(c.countsRows).toBe(false);
  });

  it('reads the filename from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="weighbook-loads-2026-11-22.csv"', 'x')).toBe('weighbook-loads-2026-11-22.csv');
    expect(filenameFromDisposition(null, 'x.csv')).toBe('x.csv');
  });
});
