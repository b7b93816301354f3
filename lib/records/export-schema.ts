// What an export request is: a format plus the list's own filters (recordFiltersSchema), so an export
// holds exactly the loads the filtered list shows. No server imports: the export controls use it too.
import { z } from 'zod';
import { recordFiltersSchema } from './schema';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportFormatLabels: Record<ExportFormat, string> = {
  csv: 'CSV (spreadsheets, other systems)',
  xlsx: 'Excel workbook (.xlsx)',
  json: 'JSON (for developers)',
};

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export const exportFormatSchema = z.enum(EXPORT_FORMATS, 'Choose CSV, Excel or JSON');

/** Response headers carrying the totals, so the browser can show progress while the file streams. */
export const EXPORT_ROWS_HEADER = 'X-Export-Rows';
export const EXPORT_LOADS_HEADER = 'X-Export-Loads';

/** "weighbook-loads-2026-11-22.csv" for an export made on that UK day. */
export function exportFilename(format: ExportFormat, ukDate: string): string {
  return `weighbook-loads-${ukDate}.${format}`;
}

export { recordFiltersSchema };
