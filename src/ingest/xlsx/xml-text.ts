// Text as XML writes it: entities, character references and line ends, decoded.

/** Malformed XML; the caller names the file and the part. */
export class XmlError extends Error {}

/** CRLF and CR as LF, as XML requires. */
export function lineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6});|#([0-9]{1,7});|(lt|gt|amp|quot|apos);)?/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its entities and line ends decoded. */
export function decode(text: string): string {
  const t = lineEnds(text);
  return t.indexOf('&') < 0 ? t : entities(t);
}

/** Text with its entities decoded; a bare `&` or a bad character reference is an XmlError. */
export function entities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : dec ? parseInt(dec, 10) : -1;
    if (code < 0) throw new XmlError(`a bare "&" (write &amp;)`);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError(`a bad character reference ${m}`);
    return String.fromCodePoint(code);
  });
}

/** An attribute value: whitespace characters as spaces (XML's normalisation), then entities decoded. */
export function attrValue(raw: string): string {
  let isPlain = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 38 || c < 32) {
      isPlain = false;
      break;
    }
  }
  if (isPlain) return raw;
  return entities(raw.replace(/\r\n|[\t\n\r]/g, ' '));
}
