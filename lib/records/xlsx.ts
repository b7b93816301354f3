// A streamed .xlsx: a zip written as it goes. The small parts are deflated whole; the worksheet is
// deflated as its XML arrives and followed by a data descriptor (its CRC and sizes), so nothing is held
// in memory but the current chunk. Node's own zlib (deflate + crc32, Node ≥ 20.15), no dependency.
// Zip32 only: fine below 4 GiB of worksheet XML (~5 million rows), far beyond any site's export.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

const enc = new TextEncoder();

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const workbook = (sheetName: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  `<sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets>` +
  '</workbook>';

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

/** Two cell formats: 0 plain, 1 bold (the heading row). */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface CentralEntry {
  name: Uint8Array;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  flags: number;
}

// A fixed DOS date/time (1 Jan 2026 00:00): the parts do not need a real one, and fixed bytes keep
// the output reproducible.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const DATA_DESCRIPTOR = 0x0008;

function localHeader(name: Uint8Array, flags: number, crc: number, compressedSize: number, size: number): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  b.writeUInt16LE(flags, 6);
  b.writeUInt16LE(8, 8); // deflate
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  b.writeUInt32LE(crc, 14);
  b.writeUInt32LE(compressedSize, 18);
  b.writeUInt32LE(size, 22);
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  return Buffer.concat([b, name]);
}

function centralHeader(e: CentralEntry): Buffer {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(20, 4); // made by: 2.0
  b.writeUInt16LE(20, 6);
  b.writeUInt16LE(e.flags, 8);
  b.writeUInt16LE(8, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(e.crc, 16);
  b.writeUInt32LE(e.compressedSize, 20);
  b.writeUInt32LE(e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  // extra, comment, disk, internal attrs, external attrs: 0
  b.writeUInt32LE(e.offset, 42);
  return Buffer.concat([b, e.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}

const ZIP32_LIMIT = 0xffffffff;

/** Zip entries, the last one streamed; yields the archive's bytes as they are ready. */
export async function* zipStream(
  entries: { name: string; data: string }[],
  streamed: { name: string; source: AsyncIterable<string> },
  options: { level?: number } = {},
): AsyncGenerator<Uint8Array> {
  const central: CentralEntry[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = enc.encode(entry.name);
    const data = enc.encode(entry.data);
    const deflated = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const head = localHeader(name, UTF8_NAMES, crc, deflated.length, data.length);
    central.push({ name, crc, compressedSize: deflated.length, size: data.length, offset, flags: UTF8_NAMES });
    offset += head.length + deflated.length;
    yield head;
    yield deflated;
  }

  const name = enc.encode(streamed.name);
  const flags = UTF8_NAMES | DATA_DESCRIPTOR;
  const head = localHeader(name, flags, 0, 0, 0);
  const entryOffset = offset;
  yield head;
  offset += head.length;
  let crc = 0;
  let size = 0;
  let compressedSize = 0;
  async function* bytes() {
    for await (const text of streamed.source) {
      const chunk = Buffer.from(text, 'utf8');
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      if (size > ZIP32_LIMIT) throw new Error('The worksheet is too large for a zip32 archive.');
      yield chunk;
    }
  }
  const deflater = zlib.createDeflateRaw({ level: options.level ?? 6 });
  // One batch's XML at a time ahead of the deflater (Readable.from would otherwise buffer 16).
  const source = Readable.from(bytes(), { highWaterMark: 1 });
  source.on('error', (error) => deflater.destroy(error));
  source.pipe(deflater);
  try {
    for await (const chunk of deflater as AsyncIterable<Buffer>) {
      compressedSize += chunk.length;
      yield chunk;
    }
  } finally {
    // Stopped early (the download was cancelled): stop reading the database too.
    source.destroy();
    deflater.destroy();
  }
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc >>> 0, 4);
  descriptor.writeUInt32LE(compressedSize, 8);
  descriptor.writeUInt32LE(size, 12);
  yield descriptor;
  central.push({ name, crc: crc >>> 0, compressedSize, size, offset: entryOffset, flags });
  offset += compressedSize + descriptor.length;

  const directory = Buffer.concat(central.map(centralHeader));
  yield directory;
  yield endOfCentralDirectory(central.length, directory.length, offset);
}

/** An .xlsx workbook with one worksheet whose XML comes from `sheetXml`. */
export function xlsxStream(sheetXml: AsyncIterable<string>, sheetName = 'Loads'): AsyncGenerator<Uint8Array> {
  return zipStream(
    [
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: '_rels/.rels', data: ROOT_RELS },
      { name: 'xl/workbook.xml', data: workbook(sheetName) },
      { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
      { name: 'xl/styles.xml', data: STYLES },
    ],
    { name: 'xl/worksheets/sheet1.xml', source: sheetXml },
  );
}
