/**
 * The WebSocket frame codec (core/rpc/wire-frame.ts): messages without bytes stay JSON text,
 * messages with bytes become one binary frame that decodes to the same message, and a frame that
 * lies about any length is refused with a reason, never read past its end.
 */
import { ApiError } from '../../../core/rpc/errors';
import type { WireMessage } from '../../../core/rpc/wire';
import {
  decodeWireFrame,
  encodeWireMessage,
  MAX_WIRE_FRAME_BYTES,
  MAX_WIRE_JSON_BYTES,
  MAX_WIRE_SEGMENTS,
} from '../../../core/rpc/wire-frame';
import { MAX_IMPORT_FILE_BYTES } from '../../../core/keys/contract';

const every256 = Uint8Array.from({ length: 256 }, (_, i) => i);
const invoke = (args: unknown): WireMessage => ({ type: 'invoke', id: 7, method: 'keys.import', args });

/** A binary frame built by hand, so each field can lie. */
function frame(parts: {
  magic?: string;
  headerLength?: number;
  header: string;
  count?: number;
  lengths?: number[];
  body?: Uint8Array;
}): Uint8Array {
  const header = Buffer.from(parts.header);
  const lengths = parts.lengths ?? [];
  const out = Buffer.alloc(8 + header.length + 4 + 4 * lengths.length + (parts.body?.length ?? 0));
  out.write(parts.magic ?? 'FKB1', 0, 'latin1');
  out.writeUInt32BE(parts.headerLength ?? header.length, 4);
  header.copy(out, 8);
  let offset = 8 + header.length;
  out.writeUInt32BE(parts.count ?? lengths.length, offset);
  offset += 4;
  for (const length of lengths) {
    out.writeUInt32BE(length, offset);
    offset += 4;
  }
  parts.body && out.set(parts.body, offset);
  return out;
}

const header = (args: unknown) => JSON.stringify({ type: 'invoke', id: 1, method: 'keys.import', args });

describe('wire frames', () => {
  it('a message without bytes is the JSON text it always was', () => {
    const message = invoke({ fileName: 'a.xlsx' });
    const encoded = encodeWireMessage(message);
    expect(encoded).toBe(JSON.stringify(message));
    expect(decodeWireFrame(encoded as string, false)).toEqual({ ok: true, message });
  });

  it('a message with bytes (a Buffer or a Uint8Array, nested anywhere) comes back equal, every byte value included', () => {
    const message = invoke({ fileName: 'a.xlsx', bytes: every256, more: [{ inner: Buffer.from('second') }], empty: new Uint8Array(0) });
    const encoded = encodeWireMessage(message);
    expect(encoded).toBeInstanceOf(Uint8Array);
    // No base64: the frame is the bytes plus a small header.
    expect((encoded as Uint8Array).byteLength).toBeLessThan(256 + 6 + 200);
    const decoded = decodeWireFrame(encoded, true);
    expect(decoded.ok).toBe(true);
    const args = (decoded as { message: { args: Record<string, unknown> } }).message.args as {
      bytes: Uint8Array;
      more: { inner: Uint8Array }[];
      empty: Uint8Array;
      fileName: string;
    };
    expect(args.fileName).toBe('a.xlsx');
    expect([...args.bytes]).toEqual([...every256]);
    expect(Buffer.from(args.more[0]!.inner).toString()).toBe('second');
    expect(args.empty.byteLength).toBe(0);
  });

  it('an ArrayBuffer (a browser socket with binaryType arraybuffer) decodes like a Uint8Array', () => {
    const encoded = encodeWireMessage(invoke({ bytes: every256 })) as Uint8Array;
    const copy = encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength);
    expect(decodeWireFrame(copy as ArrayBuffer, true).ok).toBe(true);
  });

  it('a message holding an object shaped like the placeholder is refused when encoded, not misread', () => {
    expect(() => encodeWireMessage(invoke({ bytes: every256, note: { $bytes: 0 } }))).toThrow(TypeError);
  });

  it('a file over the largest a method takes is refused at the sender as VALIDATION, before anything is sent', () => {
    const err = (() => {
      try {
        encodeWireMessage(invoke({ bytes: new Uint8Array(MAX_IMPORT_FILE_BYTES + MAX_WIRE_JSON_BYTES) }));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('VALIDATION');
    expect((err as ApiError).message).toContain('25 MB');
  });

  const one = Uint8Array.of(1, 2, 3);
  it.each([
    ['empty', new Uint8Array(0), 'truncated'],
    ['shorter than its fixed fields', Uint8Array.of(0x46, 0x4b, 0x42, 0x31, 0, 0), 'truncated'],
    ['another magic', frame({ magic: 'FKB2', header: header({ bytes: { $bytes: 0 } }), lengths: [3], body: one }), 'FKB1'],
    ['a header length past the frame', frame({ header: header({}), headerLength: 10_000, lengths: [3], body: one }), 'past the frame'],
    ['a huge declared header', frame({ header: header({}), headerLength: 0xffffffff, lengths: [3], body: one }), 'header is too large'],
    [
      'a segment table past the frame',
      frame({ header: header({ bytes: { $bytes: 0 } }), count: 1000, lengths: [3], body: one }),
      'byte segments',
    ],
    [
      'a segment count the table does not hold',
      frame({ header: header({ bytes: { $bytes: 0 } }), count: 5, lengths: [3], body: one }),
      'segment table',
    ],
    ['no segment at all', frame({ header: header({}), lengths: [] }), '0 byte segments'],
    [
      'a segment length longer than the frame',
      frame({ header: header({ bytes: { $bytes: 0 } }), lengths: [4], body: one }),
      'do not add up',
    ],
    ['a huge declared segment', frame({ header: header({ bytes: { $bytes: 0 } }), lengths: [0xffffffff], body: one }), 'do not add up'],
    ['bytes after the last segment', frame({ header: header({ bytes: { $bytes: 0 } }), lengths: [2], body: one }), 'do not add up'],
    ['a placeholder naming no segment', frame({ header: header({ bytes: { $bytes: 1 } }), lengths: [3], body: one }), 'names no segment'],
    [
      'a placeholder that is not an index',
      frame({ header: header({ bytes: { $bytes: '0' } }), lengths: [3], body: one }),
      'names no segment',
    ],
    ['one segment used twice', frame({ header: header({ a: { $bytes: 0 }, b: { $bytes: 0 } }), lengths: [3], body: one }), 'already used'],
    ['a segment nobody uses', frame({ header: header({ a: { $bytes: 0 } }), lengths: [3, 0], body: one }), 'not referenced'],
    ['a header that is not JSON', frame({ header: '{"type":"invoke",', lengths: [3], body: one }), 'not JSON'],
    ['a header that is not UTF-8', frame({ header: '\udcff', lengths: [3], body: one }), 'not'],
    [
      'JSON that is no message',
      frame({ header: JSON.stringify({ bytes: { $bytes: 0 } }), lengths: [3], body: one }),
      'not a FieldKey message',
    ],
  ])('a binary frame with %s is refused (%s)', (_name, bytes, reason) => {
    const decoded = decodeWireFrame(bytes, true);
    expect(decoded.ok).toBe(false);
    expect((decoded as { reason: string }).reason).toContain(reason);
  });

  it('the caps hold: a frame over MAX_WIRE_FRAME_BYTES is refused before it is read, a text frame over the JSON cap too', () => {
    expect(decodeWireFrame(new Uint8Array(MAX_WIRE_FRAME_BYTES + 1), true)).toEqual({ ok: false, reason: 'the frame is too large' });
    expect(decodeWireFrame(new Uint8Array(MAX_WIRE_JSON_BYTES + 1), false)).toEqual({ ok: false, reason: 'the text frame is too large' });
    expect(MAX_WIRE_SEGMENTS).toBeGreaterThanOrEqual(1);
  });
});
