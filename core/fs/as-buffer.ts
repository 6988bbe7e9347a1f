/**
 * A file's bytes as they arrive from any transport (a Uint8Array after a structured clone or a
 * binary frame) seen as a Buffer without copying: the readers use Buffer's methods.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
