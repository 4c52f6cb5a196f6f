import { zip } from '../../scripts/zip.mjs';

// Builds small .xlsx files byte by byte, for the cases a spreadsheet writer will not produce on
// request: parts in an unusual zip order, the 1904 date system, hidden first sheets, cells
// written in any form. A workbook is a zip archive of XML parts; entries here are stored uncompressed.

export { zip };

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
