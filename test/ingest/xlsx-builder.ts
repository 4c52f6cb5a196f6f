import { deflateRawSync } from 'node:zlib';

// Builds small .xlsx files byte by byte, for the cases a spreadsheet writer will not produce on
// request: parts in an unusual zip order, the 1904 date system, hidden first sheets, cells
// written in any form. A workbook is a zip archive of XML parts; entries here are stored uncompressed.

/** CRC-32 (IEEE), as zip entries need. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/**
 * A zip archive of `entries`, in the given order, stored as they are or deflated. `declared`
 * gives an entry a false inflated size in the archive's directory (as a hostile file would).
 */
export function zip(entries: [name: string, content: string | Buffer][], opts: { isDeflated?: boolean; declared?: Record<string, number> } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const raw = Buffer.from(content);
    const data = opts.isDeflated ? deflateRawSync(raw) : raw;
    const method = opts.isDeflated ? 8 : 0;
    const fileName = Buffer.from(name);
    const crc = crc32(raw);
    const size = opts.declared?.[name] ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell: text (shared string), a number, or its XML after `<c r="…" ` (attributes, `>`, content). */
export type CellSpec = string | number | null | { xml: string };

export interface SheetSpec {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** The <cols> element, e.g. `<cols><col min="1" max="2" hidden="1"/></cols>`. */
  cols?: string;
  /** Rows by sheet row number; each cell by column (A, B, …). */
  rows: Record<number, CellSpec[]>;
}

export interface BookSpec {
  sheets: SheetSpec[];
  /** Number formats by style index (cellXfs order); index 0 is General. */
  styles?: string[];
  date1904?: boolean;
  /** Zip entry order by part name; parts not listed follow in the default order. */
  order?: string[];
  /** Deflate the parts, as spreadsheet programs do; default: stored (as some libraries write). */
  isDeflated?: boolean;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const column = (i: number) => String.fromCharCode(65 + i);

/** Builds the workbook described by `spec`. */
export function buildXlsx(spec: BookSpec): Buffer {
  const strings: string[] = [];
  const stringIndex = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const parts = new Map<string, string>();
  spec.sheets.forEach((sheet, n) => {
    const rows = Object.entries(sheet.rows)
      .map(([r, cells]) => {
        const xml = cells
          .map((cell, i) => {
            const ref = `${column(i)}${r}`;
            if (cell === null) return '';
            if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
            if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${stringIndex(cell)}</v></c>`;
            return `<c r="${ref}" ${cell.xml}</c>`;
          })
          .join('');
        return `<row r="${r}">${xml}</row>`;
      })
      .join('');
    parts.set(
      `xl/worksheets/sheet${n + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}">${sheet.cols ?? ''}<sheetData>${rows}</sheetData></worksheet>`,
    );
  });
  const styles = spec.styles ?? [];
  const custom = styles.map((code, i) => ({ id: 164 + i, code })).filter((f) => f.code !== 'General');
  parts.set(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}">` +
      `<numFmts count="${custom.length}">${custom.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join('')}</numFmts>` +
      `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
      `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${styles.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
      styles.map((code, i) => `<xf numFmtId="${code === 'General' ? 0 : 164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('') +
      `</cellXfs></styleSheet>`,
  );
  parts.set(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
  );
  parts.set(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><sheets>` +
      spec.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
      `</sheets></workbook>`,
  );
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      spec.sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${spec.sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${spec.sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  parts.set(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  parts.set(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  const order = [...(spec.order ?? []), ...['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', ...spec.sheets.map((_s, i) => `xl/worksheets/sheet${i + 1}.xml`)].filter((n) => !(spec.order ?? []).includes(n))];
  return zip(
    order.map((name) => [name, parts.get(name) as string]),
    { isDeflated: spec.isDeflated },
  );
}
