/**
 * Checks an uploaded file is an .xlsx package worth handing to the spreadsheet reader, before any
 * of it is parsed: a zip (by its signature, not its name), whole, holding a workbook, and small
 * once unpacked. Each part is inflated here as a stream and only counted, so a zip bomb (a few
 * kilobytes that unpack to gigabytes) is refused with bounded memory; the reader then sees exactly
 * the parts that were measured, because the parts must follow one another with nothing hidden
 * between them (a streaming unzipper reads local headers in order, not the central directory).
 */
import { createInflateRaw } from 'node:zlib';
import { ApiError } from '../rpc/errors';
import { say } from '../messages/say';

/** What a file may unpack to in all: ample for 1,000,000 rows, far below what a bomb unpacks to. */
export const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;
/** Shared strings are held in memory while the rows are read. */
export const MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the compressed bytes start. */
  dataOffset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
/** An old-format .xls, or an .xlsx Excel encrypted with a password (both OLE compound files). */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

type Damage = 'noDirectory' | 'zipExtensions' | 'directoryOutside' | 'directoryBroken' | 'dataOutside';
type PartDamage = 'strangePacking' | 'partMissing' | 'partRenamed' | 'partTooLong' | 'cannotUnpack' | 'wrongSize';

/** VALIDATION for a damaged file: what is wrong (`workbookFile.damaged.<why>`), naming the part at fault. */
function damaged(why: Damage): ApiError;
function damaged(why: PartDamage, part: string): ApiError;
function damaged(why: Damage | PartDamage, part?: string): ApiError {
  return new ApiError('VALIDATION', say(`workbookFile.damaged.${why}`, part === undefined ? undefined : { part }));
}

/** Reads the central directory and checks the entries lie end to end from the first byte. Throws VALIDATION. */
export function readZipDirectory(bytes: Buffer): ZipEntry[] {
  if (bytes.length >= OLE_SIGNATURE.length && bytes.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    throw new ApiError('VALIDATION', say('workbookFile.oldOrProtected'));
  }
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL_HEADER) {
    throw new ApiError('VALIDATION', say('workbookFile.notXlsx'));
  }
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged('noDirectory');
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw damaged('zipExtensions');
  if (directoryOffset + directorySize > end) throw damaged('directoryOutside');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw damaged('directoryBroken');
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry = {
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    };
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (entry.flags & 1) {
      throw new ApiError('VALIDATION', say('workbookFile.passwordProtected'));
    }
    if (entry.method !== 0 && entry.method !== 8) throw damaged('strangePacking', entry.name);
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) throw damaged('zipExtensions');
    const local = entry.localHeaderOffset;
    if (local + 30 > directoryOffset || bytes.readUInt32LE(local) !== LOCAL_HEADER) throw damaged('partMissing', entry.name);
    const localName = bytes.toString('utf8', local + 30, local + 30 + bytes.readUInt16LE(local + 26));
    if (localName !== entry.name) throw damaged('partRenamed', entry.name);
    const dataOffset = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (dataOffset + entry.compressedSize > directoryOffset) throw damaged('partTooLong', entry.name);
    entries.push({ ...entry, dataOffset });
  }

  // Nothing between the parts: what a streaming reader finds is exactly this list.
  const ordered = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  for (const entry of ordered) {
    if (entry.localHeaderOffset !== expected) throw damaged('dataOutside');
    expected = entry.dataOffset + entry.compressedSize;
    if (entry.flags & 8) {
      if (expected + 12 > directoryOffset) throw damaged('partTooLong', entry.name);
      expected += bytes.readUInt32LE(expected) === DATA_DESCRIPTOR ? 16 : 12;
    }
  }
  if (expected !== directoryOffset) throw damaged('dataOutside');
  return entries;
}

/**
 * Inflates one part as a stream, keeping at most `limit` bytes of it (or counting only, when
 * `keep` is false); `onData` sees each piece as it comes (for counting without keeping).
 */
export async function inflateEntry(
  bytes: Buffer,
  entry: ZipEntry,
  options: { limit: number; keep: boolean; onData?: (piece: Buffer) => void },
): Promise<{ size: number; data: Buffer | null }> {
  const compressed = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (compressed.length > options.limit) return { size: compressed.length, data: null };
    options.onData?.(compressed);
    return { size: compressed.length, data: options.keep ? Buffer.from(compressed) : null };
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    const kept: Buffer[] = [];
    let size = 0;
    let over = false;
    inflate.on('data', (part: Buffer) => {
      size += part.length;
      if (size > options.limit) {
        over = true;
        inflate.destroy();
        resolve({ size, data: null });
        return;
      }
      options.onData?.(part);
      if (options.keep) kept.push(part);
    });
    inflate.on('error', (err) => (over ? undefined : reject(err)));
    inflate.on('end', () => resolve({ size, data: options.keep ? Buffer.concat(kept) : null }));
    inflate.end(compressed);
  });
}

/** What a reader takes at most, counted in the sheets' XML before any of it is parsed. */
export interface PackageLimits {
  /** Worksheets in the workbook. */
  maxSheets: number;
  /** `<c>` elements over every sheet, empty ones too (an empty cell costs a reader as much as a full one). */
  maxCells: number;
}

/** The portal export's limits: 1,000,000 rows of 7 columns, with room to spare. */
export const PORTAL_EXPORT_LIMITS: PackageLimits = { maxSheets: 50, maxCells: 12_000_000 };

export interface PackageCounts {
  entries: ZipEntry[];
  sheets: number;
  cells: number;
  sharedStrings: number;
}

const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

/**
 * Counts the elements `<name …>`, `<name>` and `<name/>` in XML that comes in pieces (a mark may
 * straddle two pieces). Native indexOf: about a second for the 300 MB a package may unpack to.
 */
export function elementCounter(name: string): { add(piece: Buffer): void; readonly count: number } {
  const open = Buffer.from(`<${name}`);
  const isEnd = (byte: number | undefined) =>
    byte === 0x20 || byte === 0x3e || byte === 0x2f || byte === 0x09 || byte === 0x0a || byte === 0x0d;
  const countIn = (buffer: Buffer, from = 0) => {
    let n = 0;
    for (let at = buffer.indexOf(open, from); at >= 0 && at + open.length < buffer.length; at = buffer.indexOf(open, at + 1)) {
      if (isEnd(buffer[at + open.length])) n++;
    }
    return n;
  };
  let tail = Buffer.alloc(0);
  let count = 0;
  return {
    add(piece) {
      // Marks that start in the last bytes of the previous piece and end in this one.
      if (tail.length) count += countIn(Buffer.concat([tail, piece.subarray(0, open.length)]));
      count += countIn(piece);
      tail = Buffer.from(piece.subarray(Math.max(0, piece.length - open.length)));
    },
    get count() {
      return count;
    },
  };
}

/**
 * Checks the package whole and small enough to read; throws VALIDATION saying what is wrong.
 * Every part is inflated (and discarded), so this costs about one unpacking of the file; on the
 * way the sheets, their cells and the shared strings are counted, and with `limits` a file over
 * them is refused with the numbers found before any reader builds anything from it.
 */
export async function checkXlsxPackage(bytes: Buffer, limits?: PackageLimits): Promise<PackageCounts> {
  const entries = readZipDirectory(bytes);
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw new ApiError('VALIDATION', say('workbookFile.zipNotXlsx'));
  }
  const sheets = entries.filter((entry) => isWorksheet(entry.name)).length;
  if (limits && sheets > limits.maxSheets) {
    throw new ApiError('VALIDATION', say('workbookFile.tooManySheets', { found: sheets, limit: limits.maxSheets }), {
      reason: 'too_many_sheets',
      found: sheets,
    });
  }
  const cells = elementCounter('c');
  const strings = elementCounter('si');
  let total = 0;
  for (const entry of entries) {
    const partLimit = entry.name === 'xl/sharedStrings.xml' ? MAX_SHARED_STRINGS_BYTES : MAX_UNPACKED_BYTES - total;
    const counter = isWorksheet(entry.name) ? cells : entry.name === 'xl/sharedStrings.xml' ? strings : null;
    let size: number;
    try {
      size = (
        await inflateEntry(bytes, entry, { limit: partLimit, keep: false, onData: counter ? (piece) => counter.add(piece) : undefined })
      ).size;
    } catch {
      throw damaged('cannotUnpack', entry.name);
    }
    if (size > partLimit) {
      throw new ApiError(
        'VALIDATION',
        say('workbookFile.unpacksTooLarge', {
          megabytes: Math.round(MAX_UNPACKED_BYTES / 1024 / 1024),
          textMegabytes: Math.round(MAX_SHARED_STRINGS_BYTES / 1024 / 1024),
        }),
      );
    }
    if (size !== entry.uncompressedSize) throw damaged('wrongSize', entry.name);
    total += size;
  }
  if (limits && (cells.count > limits.maxCells || strings.count > limits.maxCells)) {
    const [found, code] =
      cells.count >= strings.count
        ? [cells.count, 'workbookFile.tooManyCells' as const]
        : [strings.count, 'workbookFile.tooManyStrings' as const];
    throw new ApiError('VALIDATION', say(code, { found, limit: limits.maxCells }), { reason: 'too_many_cells', found });
  }
  return { entries, sheets, cells: cells.count, sharedStrings: strings.count };
}
