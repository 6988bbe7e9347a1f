/**
 * How wire messages (wire.ts) cross a WebSocket, at both ends. A message without bytes is a text
 * frame of JSON. A message carrying Uint8Arrays (an imported file) is one binary frame, so a file
 * crosses as itself and not as base64 (a third larger, and one huge string to build and parse):
 *
 *   "FKB1" | u32 header length | header (UTF-8 JSON) | u32 segment count | u32 length × count | segments
 *
 * In the header each Uint8Array is the placeholder `{"$bytes": i}` for segment i; every segment is
 * used exactly once. Integers are big-endian. Decoding checks every declared length against the
 * frame before it reads what the length covers, so a frame that lies is refused, never trusted.
 */
import { MAX_FILE_ARGUMENT_BYTES } from './define';
import { ApiError } from './errors';
import { isWireMessage, type WireMessage } from './wire';
import { say } from '../messages/say';

/** The JSON of one message (a text frame, or a binary frame's header). */
export const MAX_WIRE_JSON_BYTES = 8 * 1024 * 1024;
/** Byte arrays in one message: a call carries one file; the rest is room, not a use. */
export const MAX_WIRE_SEGMENTS = 16;
/** The largest frame either end sends or takes: the largest file a method takes, plus its JSON. */
export const MAX_WIRE_FRAME_BYTES = MAX_FILE_ARGUMENT_BYTES + MAX_WIRE_JSON_BYTES + 8 + 4 + 4 * MAX_WIRE_SEGMENTS;

const MAGIC = [0x46, 0x4b, 0x42, 0x31]; // "FKB1"
const PLACEHOLDER = '$bytes';

export type DecodedFrame = { ok: true; message: WireMessage } | { ok: false; reason: string };

/** A text frame (string) when the message holds no bytes, else one binary frame. */
export function encodeWireMessage(message: WireMessage): string | Uint8Array {
  const segments: Uint8Array[] = [];
  const json = JSON.stringify(message, function (this: Record<string, unknown>, key, value: unknown) {
    // `this[key]` is the value before toJSON (a Buffer would arrive here as {type, data}).
    const original = this[key];
    if (original instanceof Uint8Array) {
      segments.push(original);
      return { [PLACEHOLDER]: segments.length - 1 };
    }
    if (isPlaceholderShaped(value)) throw new TypeError(`A message may not hold an object whose only key is "${PLACEHOLDER}".`);
    return value;
  });
  if (segments.length === 0) return json;

  const header = new TextEncoder().encode(json);
  const payload = segments.reduce((sum, segment) => sum + segment.byteLength, 0);
  const total = 8 + header.byteLength + 4 + 4 * segments.length + payload;
  if (segments.length > MAX_WIRE_SEGMENTS || header.byteLength > MAX_WIRE_JSON_BYTES || total > MAX_WIRE_FRAME_BYTES) {
    throw new ApiError('VALIDATION', say('error.fileTooLargeToSend', { megabytes: MAX_FILE_ARGUMENT_BYTES / 1024 / 1024 }), {
      reason: 'too_large',
      limit: MAX_FILE_ARGUMENT_BYTES,
    });
  }
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  frame.set(MAGIC, 0);
  view.setUint32(4, header.byteLength);
  frame.set(header, 8);
  let offset = 8 + header.byteLength;
  view.setUint32(offset, segments.length);
  offset += 4;
  for (const segment of segments) {
    view.setUint32(offset, segment.byteLength);
    offset += 4;
  }
  for (const segment of segments) {
    frame.set(segment, offset);
    offset += segment.byteLength;
  }
  return frame;
}

/**
 * Reads one frame. `binary` is the frame's opcode as the socket reported it (a browser's text
 * frames arrive as strings). Never throws: a frame that cannot be read is a refusal with a reason.
 */
export function decodeWireFrame(data: string | ArrayBuffer | Uint8Array, binary: boolean): DecodedFrame {
  if (typeof data === 'string') return decodeJson(data);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (!binary) {
    if (bytes.byteLength > MAX_WIRE_JSON_BYTES) return refuse('the text frame is too large');
    return decodeJson(new TextDecoder().decode(bytes));
  }
  return decodeBinary(bytes);
}

function decodeJson(text: string): DecodedFrame {
  // A string's length is at most its UTF-8 size, so this check never refuses a frame that fits.
  if (text.length > MAX_WIRE_JSON_BYTES) return refuse('the text frame is too large');
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return refuse('the text frame is not JSON');
  }
  return isWireMessage(message) ? { ok: true, message } : refuse('the frame is not a FieldKey message');
}

function decodeBinary(bytes: Uint8Array): DecodedFrame {
  const length = bytes.byteLength;
  if (length > MAX_WIRE_FRAME_BYTES) return refuse('the frame is too large');
  if (length < 12) return refuse('the frame is truncated');
  if (MAGIC.some((byte, i) => bytes[i] !== byte)) return refuse('the frame does not start with FKB1');
  const view = new DataView(bytes.buffer, bytes.byteOffset, length);
  const headerLength = view.getUint32(4);
  if (headerLength > MAX_WIRE_JSON_BYTES) return refuse('the declared header is too large');
  let offset = 8 + headerLength;
  if (offset + 4 > length) return refuse('the declared header runs past the frame');
  const count = view.getUint32(offset);
  offset += 4;
  if (count === 0 || count > MAX_WIRE_SEGMENTS) return refuse(`the frame declares ${count} byte segments`);
  if (offset + 4 * count > length) return refuse('the segment table runs past the frame');
  const lengths: number[] = [];
  let payload = 0;
  for (let i = 0; i < count; i++) {
    const segmentLength = view.getUint32(offset + 4 * i);
    lengths.push(segmentLength);
    payload += segmentLength;
  }
  offset += 4 * count;
  if (offset + payload !== length) return refuse('the declared segment lengths do not add up to the frame');

  const segments: Uint8Array[] = [];
  for (const segmentLength of lengths) {
    segments.push(bytes.subarray(offset, offset + segmentLength));
    offset += segmentLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    return refuse('the header is not UTF-8');
  }
  const used = new Set<number>();
  let badPlaceholder = false;
  let message: unknown;
  try {
    message = JSON.parse(text, (_key, value: unknown) => {
      if (!isPlaceholderShaped(value)) return value;
      const index = (value as Record<string, unknown>)[PLACEHOLDER];
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || used.has(index)) {
        badPlaceholder = true;
        return null;
      }
      used.add(index);
      return segments[index];
    });
  } catch {
    return refuse('the header is not JSON');
  }
  if (badPlaceholder) return refuse('a byte placeholder names no segment, or one already used');
  if (used.size !== count) return refuse('a byte segment is not referenced by the header');
  return isWireMessage(message) ? { ok: true, message } : refuse('the frame is not a FieldKey message');
}

function isPlaceholderShaped(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === PLACEHOLDER;
}

function refuse(reason: string): DecodedFrame {
  return { ok: false, reason };
}
