// The export's rows and the three ways of writing them. One column list drives CSV, XLSX and JSON,
// so the formats never disagree. One row per waste item, the load's own fields repeated on each; a
// load with no waste item yet (an early draft) still gets one row. Pure: no server imports.
import { csvQuote, csvText } from '@/lib/csv';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { recordStatusLabels } from './schema';

/** One load as the export query returns it (dates already in UK wall-clock text). */
export interface ExportLoad {
  id: string;
  receivedAt: Date;
  siteName: string;
  ticketNumber: string;
  /** "2026-11-20 09:15", UK time. */
  received: string;
  /** "2026-11-24 00:00", UK time: the instant the two-working-day window closes. */
  due: string | null;
  status: LoadStatus;
  warnings: number;
  wasteTrackingId: string | null;
  /**
   * "2026-11-20 09:15", UK time: a send at this time got no answer and may have been stored, and the
   * load was sent again, so DWT may hold two records of it. Null for every other load.
   */
  possibleDuplicate?: string | null;
  movement: unknown;
  /** Sent without a disposal or recovery code on some item: they must follow by the same deadline. */
  codesToFollow: boolean;
  /** The load's net weight in its own unit (`weightUnit`, DWT's metric), or null when not known. */
  netWeight: number | null;
  weightUnit: string | null;
}

type Cell = string | number | boolean | null;
type Kind = 'text' | 'number' | 'boolean';

interface Weight {
  metric?: string;
  amount?: number;
  isEstimate?: boolean;
}
interface Item {
  ewcCodes?: string[];
  wasteDescription?: string;
  physicalForm?: string;
  numberOfContainers?: number;
  typeOfContainers?: string;
  weight?: Weight;
  containsPops?: boolean;
  pops?: { components?: { code?: string; concentration?: number }[] };
  containsHazardous?: boolean;
  hazardous?: { hazCodes?: string[]; components?: { name?: string; concentration?: number }[] };
  disposalOrRecoveryCodes?: { code?: string; weight?: Weight }[];
}
interface Movement {
  hazardousWasteConsignmentCode?: string;
  reasonForNoConsignmentCode?: string;
  specialHandlingRequirements?: string;
  wasteItems?: Item[];
  carrier?: { organisationName?: string; registrationNumber?: string | null; vehicleRegistration?: string; meansOfTransport?: string };
  brokerOrDealer?: { organisationName?: string; registrationNumber?: string };
}

interface RowContext {
  load: ExportLoad;
  m: Movement;
  item: Item | undefined;
  index: number;
  count: number;
}

export interface ExportColumn {
  /** The JSON key. */
  key: string;
  /** The CSV/XLSX heading. */
  header: string;
  kind: Kind;
  value: (r: RowContext) => Cell;
}

const TONNES_PER: Record<string, number> = { Tonnes: 1, Kilograms: 0.001, Grams: 0.000001 };

/** A DWT weight in tonnes (6 decimal places), or null when there is none. */
export function tonnes(w: Weight | undefined): number | null {
  if (!w || typeof w.amount !== 'number' || !Number.isFinite(w.amount)) return null;
  const factor = TONNES_PER[w.metric ?? 'Tonnes'] ?? 1;
  return Math.round(w.amount * factor * 1e6) / 1e6;
}

const text = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);
const list = (v: (string | undefined)[] | undefined): string | null => text((v ?? []).filter(Boolean).join('; '));

function statusLabel(load: ExportLoad): string {
  if (load.status === 'SENT') return recordStatusLabels[load.warnings > 0 ? 'sent-with-warnings' : 'sent'];
  const map: Record<Exclude<LoadStatus, 'SENT'>, keyof typeof recordStatusLabels> = {
    DRAFT: 'draft',
    PENDING: 'pending',
    NEEDS_ATTENTION: 'needs-attention',
    CHECK_NEEDED: 'check-needed',
    ON_SITE: 'on-site',
  };
  return recordStatusLabels[map[load.status]];
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'site', header: 'Site', kind: 'text', value: (r) => r.load.siteName },
  { key: 'ticketNumber', header: 'Ticket number', kind: 'text', value: (r) => r.load.ticketNumber },
  { key: 'received', header: 'Date and time received (UK)', kind: 'text', value: (r) => r.load.received },
  { key: 'status', header: 'Status', kind: 'text', value: (r) => statusLabel(r.load) },
  { key: 'wasteTrackingId', header: 'Waste tracking ID', kind: 'text', value: (r) => text(r.load.wasteTrackingId) },
  {
    key: 'possibleDuplicate',
    header: 'Possible duplicate at DWT: unanswered send (UK)',
    kind: 'text',
    value: (r) => text(r.load.possibleDuplicate),
  },
  { key: 'reportingDue', header: 'Reporting due by (UK)', kind: 'text', value: (r) => text(r.load.due) },
  { key: 'dwtWarnings', header: 'DWT warnings', kind: 'number', value: (r) => r.load.warnings },
  { key: 'codesToFollow', header: 'Disposal or recovery codes to follow', kind: 'boolean', value: (r) => r.load.codesToFollow },
  {
    key: 'netWeightTonnes',
    header: 'Net weight of the load (tonnes)',
    kind: 'number',
    value: (r) => (r.load.netWeight === null ? null : tonnes({ amount: r.load.netWeight, metric: r.load.weightUnit ?? 'Tonnes' })),
  },
  { key: 'carrier', header: 'Carrier', kind: 'text', value: (r) => text(r.m.carrier?.organisationName) },
  { key: 'carrierRegistration', header: 'Carrier registration number', kind: 'text', value: (r) => text(r.m.carrier?.registrationNumber) },
  { key: 'meansOfTransport', header: 'Means of transport', kind: 'text', value: (r) => text(r.m.carrier?.meansOfTransport) },
  { key: 'vehicleRegistration', header: 'Vehicle registration', kind: 'text', value: (r) => text(r.m.carrier?.vehicleRegistration) },
  { key: 'brokerOrDealer', header: 'Broker or dealer', kind: 'text', value: (r) => text(r.m.brokerOrDealer?.organisationName) },
  {
    key: 'brokerOrDealerRegistration',
    header: 'Broker or dealer registration number',
    kind: 'text',
    value: (r) => text(r.m.brokerOrDealer?.registrationNumber),
  },
  { key: 'consignmentCode', header: 'Hazardous waste consignment code', kind: 'text', value: (r) => text(r.m.hazardousWasteConsignmentCode) },
  { key: 'reasonForNoConsignmentCode', header: 'Reason for no consignment code', kind: 'text', value: (r) => text(r.m.reasonForNoConsignmentCode) },
  { key: 'item', header: 'Waste item', kind: 'text', value: (r) => (r.item ? `${r.index + 1} of ${r.count}` : null) },
  { key: 'ewcCodes', header: 'EWC codes', kind: 'text', value: (r) => list(r.item?.ewcCodes) },
  { key: 'description', header: 'Waste description', kind: 'text', value: (r) => text(r.item?.wasteDescription) },
  { key: 'physicalForm', header: 'Physical form', kind: 'text', value: (r) => text(r.item?.physicalForm) },
  {
    key: 'containers',
    header: 'Number of containers',
    kind: 'number',
    value: (r) => (typeof r.item?.numberOfContainers === 'number' && Number.isFinite(r.item.numberOfContainers) ? r.item.numberOfContainers : null),
  },
  { key: 'containerType', header: 'Container type', kind: 'text', value: (r) => text(r.item?.typeOfContainers) },
  { key: 'weightTonnes', header: 'Weight (tonnes)', kind: 'number', value: (r) => tonnes(r.item?.weight) },
  { key: 'weightIsEstimate', header: 'Weight is an estimate', kind: 'boolean', value: (r) => (r.item ? Boolean(r.item.weight?.isEstimate) : null) },
  { key: 'hazardous', header: 'Hazardous', kind: 'boolean', value: (r) => (r.item ? Boolean(r.item.containsHazardous) : null) },
  { key: 'hazardousProperties', header: 'Hazardous properties', kind: 'text', value: (r) => list(r.item?.hazardous?.hazCodes) },
  { key: 'hazardousComponents', header: 'Hazardous components', kind: 'text', value: (r) => list(r.item?.hazardous?.components?.map((c) => c.name)) },
  { key: 'pops', header: 'Contains POPs', kind: 'boolean', value: (r) => (r.item ? Boolean(r.item.containsPops) : null) },
  { key: 'popsComponents', header: 'POPs components', kind: 'text', value: (r) => list(r.item?.pops?.components?.map((c) => c.code)) },
  {
    key: 'disposalOrRecovery',
    header: 'Disposal or recovery codes',
    kind: 'text',
    value: (r) =>
      list(
        r.item?.disposalOrRecoveryCodes?.map((d) => {
          const t = tonnes(d.weight);
          return t === null ? d.code : `${d.code} (${t} t)`;
        }),
      ),
  },
  { key: 'specialHandling', header: 'Special handling requirements', kind: 'text', value: (r) => text(r.m.specialHandlingRequirements) },
];

/** The cells of every row of one load: one row per waste item, at least one row. */
export function rowsOf(load: ExportLoad, columns: readonly ExportColumn[] = EXPORT_COLUMNS): Cell[][] {
  const m = (load.movement && typeof load.movement === 'object' ? load.movement : {}) as Movement;
  const items = Array.isArray(m.wasteItems) ? m.wasteItems : [];
  const count = items.length;
  const out: Cell[][] = [];
  for (let index = 0; index < Math.max(count, 1); index++) {
    const ctx: RowContext = { load, m, item: items[index], index, count };
    out.push(columns.map((c) => c.value(ctx)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encoders: each turns rows into text; the caller adds the start and end and streams the bytes.
// ---------------------------------------------------------------------------------------------

export interface RowEncoder {
  start: string;
  /** `first` is true for the first data row of the file (JSON needs it for its commas). */
  rows: (rows: Cell[][], first: boolean) => string;
  end: string;
}

/** Cells a spreadsheet would read as a formula (or a DDE command) get a leading apostrophe. */

export function csvCell(value: Cell, kind: Kind): string {
  if (value === null) return '';
  if (kind === 'boolean') return value ? 'Yes' : 'No';
  if (kind === 'number') return csvQuote(String(value));
  return csvText(String(value));
}

/** RFC 4180: CRLF line ends, quotes doubled; a UTF-8 byte-order mark so Excel reads it as UTF-8. */
export function csvEncoder(columns: readonly ExportColumn[] = EXPORT_COLUMNS): RowEncoder {
  const line = (cells: Cell[], kinds: Kind[]) => cells.map((c, i) => csvCell(c, kinds[i]!)).join(',') + '\r\n';
  const kinds = columns.map((c) => c.kind);
  return {
    start:
      '\uFEFF' +
      line(
        columns.map((c) => c.header),
        columns.map(() => 'text'),
      ),
    rows: (rows) => {
      let out = '';
      for (const r of rows) out += line(r, kinds);
      return out;
    },
    end: '',
  };
}

/**
 * A JSON array of row objects, one object a line (`[`, `{…}`, `,{…}`, …, `]`): valid JSON once complete, and
 * the browser counts rows by counting line ends while it downloads.
 */
export function jsonEncoder(columns: readonly ExportColumn[] = EXPORT_COLUMNS): RowEncoder {
  const keys = columns.map((c) => JSON.stringify(c.key));
  return {
    start: '[',
    rows: (rows, first) => {
      let out = '';
      rows.forEach((r, i) => {
        let obj = '{';
        for (let c = 0; c < keys.length; c++) obj += (c ? ',' : '') + keys[c] + ':' + JSON.stringify(r[c] ?? null);
        out += (first && i === 0 ? '\n' : ',\n') + obj + '}';
      });
      return out;
    },
    end: '\n]\n',
  };
}

/** Characters XML 1.0 does not allow (controls other than tab/LF/CR, lone surrogates, U+FFFE/F). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are dropped.
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  return s.replace(XML_ILLEGAL, '').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** "A", "B", … "Z", "AA", … */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The worksheet XML of the workbook (inline strings, the heading row bold and frozen). */
export function sheetEncoder(columns: readonly ExportColumn[] = EXPORT_COLUMNS): RowEncoder {
  const letters = columns.map((_, i) => columnLetter(i));
  const kinds = columns.map((c) => c.kind);
  let rowNumber = 1;
  const cell = (value: Cell, kind: Kind, ref: string, style = ''): string => {
    if (value === null) return '';
    if (kind === 'number' && typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
    const s = kind === 'boolean' ? (value ? 'Yes' : 'No') : String(value);
    return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(s)}</t></is></c>`;
  };
  const row = (cells: Cell[], cellKinds: Kind[], style = '') => {
    const n = rowNumber++;
    let out = `<row r="${n}">`;
    for (let i = 0; i < cells.length; i++) out += cell(cells[i] ?? null, cellKinds[i]!, `${letters[i]}${n}`, style);
    return out + '</row>';
  };
  const widths = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(Math.max(c.header.length, 10) + 2, 40)}" customWidth="1"/>`)
    .join('');
  return {
    start:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<cols>${widths}</cols><sheetData>` +
      row(
        columns.map((c) => c.header),
        columns.map(() => 'text'),
        ' s="1"',
      ),
    rows: (rows) => {
      let out = '';
      for (const r of rows) out += row(r, kinds);
      return out;
    },
    end: '</sheetData></worksheet>',
  };
}
