import { BUILTIN_FORMATS, xstring } from './cells.js';
import { scanPart } from './part.js';
import type { Attrs } from './xml.js';
import type { ZipArchive, ZipLimits } from './zip.js';

// The parts read before the sheet: the package relationships (where the workbook part is),
// the workbook (sheet names, order, visibility, date system) and its relationships (where each
// sheet, the styles and the shared strings are), the styles (the number format of each cell
// style) and the shared strings (the text of every `t="s"` cell, held in memory).

/** A sheet as the workbook lists it. */
export interface SheetInfo {
  name: string;
  /** `visible` (the default), `hidden` or `veryHidden`. */
  state: string;
  /** The sheet's part in the archive; null when its relationship is missing. */
  part: string | null;
}

export interface Book {
  sheets: SheetInfo[];
  date1904: boolean;
  /** Number format code of each cell style (the `s` attribute), undefined for General. */
  formats: (string | undefined)[];
  /** Shared strings by index; null for one longer than MAX_CELL (its cells are rejected). */
  strings: (string | null)[];
}

/** Longest cell text read; Excel itself stops at 32,767 characters. */
export const MAX_CELL = 1024 * 1024;

const OFFICE_DOCUMENT = /\/officeDocument$/;

/** Reads everything but the sheets. Returns null when the archive holds no workbook part. */
export async function readBook(archive: ZipArchive, limits: ZipLimits): Promise<Book | null> {
  const rootRels = archive.find('_rels/.rels');
  const declared = rootRels ? (await readRels(archive, rootRels, '', limits)).find((r) => OFFICE_DOCUMENT.test(r.type))?.target : undefined;
  const bookPart = (declared && archive.find(declared)) || archive.find('xl/workbook.xml');
  if (!bookPart) return null;
  const dir = bookPart.includes('/') ? bookPart.slice(0, bookPart.lastIndexOf('/') + 1) : '';
  const relsPart = archive.find(`${dir}_rels/${bookPart.slice(dir.length)}.rels`);
  const rels = relsPart ? await readRels(archive, relsPart, dir, limits) : [];
  const byType = (type: string, fallback: string) => {
    const target = rels.find((r) => r.type.endsWith(`/${type}`))?.target;
    return (target && archive.find(target)) || archive.find(`${dir}${fallback}`);
  };

  const sheets: (SheetInfo & { rId: string })[] = [];
  let date1904 = false;
  await scanPart(archive, bookPart, limits, {
    open(name, attrs) {
      if (name === 'sheet') sheets.push({ name: attrs.get('name') ?? '', state: attrs.get('state') ?? 'visible', rId: attrs.get('id') ?? '', part: null });
      else if (name === 'workbookPr') date1904 = isTrue(attrs.get('date1904'));
    },
    close() {},
    text() {},
  });
  for (const sheet of sheets) {
    const target = rels.find((r) => r.id === sheet.rId)?.target;
    sheet.part = target ? archive.find(target) : null;
  }

  const stylesPart = byType('styles', 'styles.xml');
  const stringsPart = byType('sharedStrings', 'sharedStrings.xml');
  return {
    sheets: sheets.map(({ name, state, part }) => ({ name, state, part })),
    date1904,
    formats: stylesPart ? await readStyles(archive, stylesPart, limits) : [],
    // Held in memory, unlike the sheet: a quarter of the limit of a part that is streamed.
    strings: stringsPart ? await readStrings(archive, stringsPart, { ...limits, maxInputSize: Math.floor(limits.maxInputSize / 4) }) : [],
  };
}

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

interface Rel {
  id: string;
  type: string;
  /** The target part's name in the archive, resolved against the source part's folder. */
  target: string;
}

async function readRels(archive: ZipArchive, part: string, dir: string, limits: ZipLimits): Promise<Rel[]> {
  const rels: Rel[] = [];
  await scanPart(archive, part, limits, {
    open(name, attrs) {
      const target = attrs.get('Target');
      if (name === 'Relationship' && target && attrs.get('TargetMode') !== 'External') {
        rels.push({ id: attrs.get('Id') ?? '', type: attrs.get('Type') ?? '', target: resolve(dir, target) });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

/** `target` relative to `dir` (or absolute from the archive root), `..` and `.` resolved. */
function resolve(dir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : dir + target;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The number format code of each cell style (cellXfs), custom codes over built-in ones. */
async function readStyles(archive: ZipArchive, part: string, limits: ZipLimits): Promise<(string | undefined)[]> {
  const custom = new Map<number, string>();
  const styleFormats: number[] = [];
  let isInCellXfs = false;
  await scanPart(archive, part, limits, {
    open(name, attrs, isEmpty) {
      const code = name === 'numFmt' ? attrs.get('formatCode') : undefined;
      if (code !== undefined) custom.set(Number(attrs.get('numFmtId')), code);
      else if (name === 'cellXfs') isInCellXfs = !isEmpty;
      else if (name === 'xf' && isInCellXfs) styleFormats.push(Number(attrs.get('numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') isInCellXfs = false;
    },
    text() {},
  });
  return styleFormats.map((id) => custom.get(id) ?? BUILTIN_FORMATS[id]);
}

/**
 * The shared strings: the text of each <si>, rich text runs joined, phonetic runs (<rPh>, the
 * reading of East Asian text) left out.
 */
async function readStrings(archive: ZipArchive, part: string, limits: ZipLimits): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  let text = '';
  let isTooLong = false;
  let depthInPhonetic = 0;
  let isInT = false;
  await scanPart(archive, part, limits, {
    open(name: string, _attrs: Attrs, isEmpty: boolean) {
      if (name === 'si') {
        text = '';
        isTooLong = false;
        if (isEmpty) strings.push('');
      } else if (name === 'rPh' && !isEmpty) depthInPhonetic++;
      else if (name === 't' && !isEmpty && depthInPhonetic === 0) isInT = true;
    },
    close(name: string) {
      if (name === 't') isInT = false;
      else if (name === 'rPh') depthInPhonetic--;
      else if (name === 'si') strings.push(isTooLong ? null : xstring(text));
    },
    text(piece: string) {
      if (!isInT || isTooLong) return;
      if (text.length + piece.length > MAX_CELL) isTooLong = true;
      else text += piece;
    },
  });
  return strings;
}
