import { describe, expect, it } from 'vitest';
import { parseCsv, readZip, sheetRows } from '@/test/zip-reader';
import { columnLetter, csvCell, csvEncoder, EXPORT_COLUMNS, jsonEncoder, rowsOf, sheetEncoder, tonnes, xmlText, type ExportLoad } from './export-format';
import { xlsxStream } from './xlsx';

function load(overrides: Partial<ExportLoad> = {}): ExportLoad {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    receivedAt: new Date('2026-11-20T09:15:00Z'),
    siteName: 'North Yard',
    ticketNumber: '000042',
    received: '2026-11-20 09:15',
    due: '2026-11-25 00:00',
    status: 'SENT',
    warnings: 1,
    wasteTrackingId: 'WT123',
    codesToFollow: true,
    netWeight: 8650,
    weightUnit: 'Kilograms',
    movement: {
      carrier: { organisationName: 'Acme, "Haulage" Ltd', registrationNumber: 'CBDU1', vehicleRegistration: 'AB12 CDE', meansOfTransport: 'Road' },
      wasteItems: [
        {
          ewcCodes: ['170504'],
          wasteDescription: 'Soil\nand stones',
          physicalForm: 'Solid',
          numberOfContainers: 1,
          typeOfContainers: 'SKI',
          weight: { metric: 'Tonnes', amount: 8.2, isEstimate: false },
          containsHazardous: false,
          containsPops: false,
          disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Tonnes', amount: 8.2 } }],
        },
        {
          ewcCodes: ['150101', '150102'],
          wasteDescription: '=HYPERLINK("http://x")',
          weight: { metric: 'Kilograms', amount: 450, isEstimate: true },
          containsHazardous: true,
          hazardous: { hazCodes: ['HP_7', 'HP_14'], components: [{ name: 'Lead' }] },
          containsPops: false,
        },
      ],
    },
    ...overrides,
  };
}

const col = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key);

describe('rows', () => {
  it('gives one row per waste item with the load repeated, and one row for a load with no items', () => {
    const rows = rowsOf(load());
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r[col('ticketNumber')])).toEqual(['000042', '000042']);
    expect(rows.map((r) => r[col('item')])).toEqual(['1 of 2', '2 of 2']);
    expect(rows[0]![col('status')]).toBe('Sent with warnings');
    expect(rows[1]![col('ewcCodes')]).toBe('150101; 150102');
    expect(rows[1]![col('weightTonnes')]).toBe(0.45);
    expect(rows[1]![col('weightIsEstimate')]).toBe(true);
    expect(rows[1]![col('hazardousProperties')]).toBe('HP_7; HP_14');
    expect(rows[0]![col('disposalOrRecovery')]).toBe('R5 (8.2 t)');
    expect(rows.map((r) => r[col('netWeightTonnes')])).toEqual([8.65, 8.65]);
    expect(rows[0]![col('codesToFollow')]).toBe(true);
    const draft = rowsOf(load({ status: 'DRAFT', movement: { wasteItems: [] } }));
    expect(draft).toHaveLength(1);
    expect(draft[0]![col('status')]).toBe('Draft');
    expect(draft[0]![col('description')]).toBeNull();
  });

  it('marks a possible duplicate at DWT with the time of the unanswered send, on every row of the load', () => {
    expect(rowsOf(load()).map((r) => r[col('possibleDuplicate')])).toEqual([null, null]);
    const resent = rowsOf(load({ possibleDuplicate: '2026-11-20 09:16' }));
    expect(resent.map((r) => r[col('possibleDuplicate')])).toEqual(['2026-11-20 09:16', '2026-11-20 09:16']);
    expect(EXPORT_COLUMNS[col('possibleDuplicate')]?.header).toBe('Possible duplicate at DWT: unanswered send (UK)');
    const e = jsonEncoder();
    const [row] = JSON.parse(e.start + e.rows(resent, true) + e.end) as Record<string, unknown>[];
    expect(row?.possibleDuplicate).toBe('2026-11-20 09:16');
  });

  it('converts weights to tonnes', () => {
    expect(tonnes({ metric: 'Grams', amount: 1500 })).toBe(0.0015);
    expect(tonnes({ metric: 'Kilograms', amount: 12.5 })).toBe(0.0125);
    expect(tonnes({ metric: 'Tonnes', amount: Number.NaN })).toBeNull();
    expect(tonnes(undefined)).toBeNull();
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain', 'text')).toBe('plain');
    expect(csvCell('a,b', 'text')).toBe('"a,b"');
    expect(csvCell('say "hi"', 'text')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines', 'text')).toBe('"two\r\nlines"');
    expect(csvCell(null, 'text')).toBe('');
    expect(csvCell(true, 'boolean')).toBe('Yes');
    expect(csvCell(-1.5, 'number')).toBe('-1.5');
  });

  it.each(['=1+1', '+44 1234', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('defuses a cell a spreadsheet would run: %j', (v) => {
    const out = csvCell(v, 'text');
    expect(out.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('writes a BOM, the headings and CRLF rows that parse back', () => {
    const e = csvEncoder();
    const text = e.start + e.rows(rowsOf(load()), true) + e.end;
    expect(text.startsWith('\uFEFFSite,Ticket number,')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(rows[1]![col('carrier')]).toBe('Acme, "Haulage" Ltd');
    expect(rows[1]![col('description')]).toBe('Soil\nand stones');
    expect(rows[2]![col('description')]).toBe(`'=HYPERLINK("http://x")`);
  });
});

describe('JSON', () => {
  it('is a valid array of row objects, one a line, also when empty', () => {
    const e = jsonEncoder();
    const text = e.start + e.rows(rowsOf(load()), true) + e.rows(rowsOf(load({ ticketNumber: '000043' })), false) + e.end;
    const rows = JSON.parse(text) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ site: 'North Yard', ticketNumber: '000042', weightTonnes: 8.2, hazardous: false, description: 'Soil\nand stones' });
    expect(rows[3]).toMatchObject({ ticketNumber: '000043', weightTonnes: 0.45, weightIsEstimate: true });
    expect(Object.keys(rows[0]!)).toEqual(EXPORT_COLUMNS.map((c) => c.key));
    expect(text.split('\n')).toHaveLength(1 + 4 + 2);
    const empty = jsonEncoder();
    expect(JSON.parse(empty.start + empty.end)).toEqual([]);
  });
});

describe('XLSX', () => {
  it('escapes XML and drops characters XML cannot hold', () => {
    expect(xmlText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(xmlText('bell\u0007 tab\t nul\u0000 \uD800lone ok😀')).toBe('bell tab\t nul lone ok😀');
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('is a zip of the workbook parts with the rows in the sheet', async () => {
    const e = sheetEncoder();
    async function* sheet() {
      yield e.start;
      yield e.rows(rowsOf(load({ siteName: 'Bits & <Pieces>\u0001' })), true);
      yield e.end;
    }
    const chunks: Uint8Array[] = [];
    for await (const c of xlsxStream(sheet())) chunks.push(c);
    const files = readZip(Buffer.concat(chunks));
    expect([...files.keys()].sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
    expect(files.get('[Content_Types].xml')!.toString()).toContain('/xl/worksheets/sheet1.xml');
    const xml = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(xml).toMatch(/^<\?xml/);
    const rows = sheetRows(xml);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.A).toBe('Site');
    expect(rows[1]!.A).toBe('Bits & <Pieces>');
    const w = columnLetter(col('weightTonnes'));
    expect(rows[1]![w]).toBe('8.2');
    expect(rows[2]![w]).toBe('0.45');
    expect(xml).toContain(`<c r="${w}2"><v>8.2</v></c>`);
  });
});
