/**
 * Decoder names and the default, apart from the decoders themselves so the UI thread can know
 * the worker's decoder without bundling any decoding code.
 */
export const DECODER_NAMES = ['zxing-wasm', 'zxing-js', 'zxing-wasm-multipass', 'multipass+zxing-js'] as const;
export type DecoderName = (typeof DECODER_NAMES)[number];

/** Chosen by `npm run bench:scan` (see README, "Barcode scanning"). */
export const DEFAULT_DECODER: DecoderName = 'zxing-wasm-multipass';

export function isDecoderName(name: string): name is DecoderName {
  return (DECODER_NAMES as readonly string[]).includes(name);
}
