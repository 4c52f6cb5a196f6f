// A small zip writer for generated workbooks: the benchmark's XLSX (scripts/bench-data.mjs) and
// the tests' hand-built ones (test/ingest/xlsx-builder.ts), which need what a zip library will
// not write on request (parts in an unusual order, a false inflated size as a hostile file
// declares). Not used by funnel itself, which only reads zips (yauzl).
import { deflateRawSync } from 'node:zlib';

/**
 * CRC-32 (IEEE), as zip entries need (node:zlib has one only from Node 20.15).
 * @param {Buffer} bytes
 * @returns {number}
 */
function crc32(bytes) {
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
 * @param {[string, string | Buffer][]} entries
 * @param {{ isDeflated?: boolean, declared?: Record<string, number> }} [opts]
 * @returns {Buffer}
 */
export function zip(entries, opts = {}) {
  const locals = [];
  const centrals = [];
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
