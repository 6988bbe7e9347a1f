/** Builds zip files part by part, for packages no spreadsheet program would write (damaged, bombs). */
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  data: Buffer;
  /** 8 (deflate, the default) or 0 (stored). */
  method?: 0 | 8;
  /** What the directory claims the part unpacks to (default: the truth). */
  declaredSize?: number;
  /** Already-deflated bytes to store as the part's data (for bombs built as a stream). */
  deflated?: Buffer;
}

export function makeZip(parts: readonly ZipPart[], options: { junkBetweenParts?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const method = part.method ?? 8;
    const data = part.deflated ?? (method === 8 ? zlib.deflateRawSync(part.data) : part.data);
    const name = Buffer.from(part.name, 'utf8');
    const crc = zlib.crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    locals.push(local, name, data);
    offset += local.length + name.length + data.length;
    if (options.junkBetweenParts) {
      const junk = Buffer.from('hidden');
      locals.push(junk);
      offset += junk.length;
    }
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `size` bytes of spaces, deflated: a tiny part that unpacks to `size` (a zip bomb). */
export function deflatedSpaces(size: number): Buffer {
  return zlib.deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 });
}

/** The XML of a part of an .xlsx (for checking what a spreadsheet program will read). */
export function readPart(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const partName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (partName === name) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + compressed);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`No part ${name}`);
}
