import type { BarcodeDecoder, BarcodeFormat, DecodedBarcode, RgbaFrame } from './types';

/**
 * Runs the first decoder and, only when it finds nothing, the next: the fast one answers most
 * frames, the other gets a second look at the hard ones.
 */
export function createFallbackDecoder(name: string, decoders: readonly BarcodeDecoder[]): BarcodeDecoder {
  return {
    name,
    async decode(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DecodedBarcode[]> {
      for (const decoder of decoders) {
        const found = await decoder.decode(frame, formats);
        if (found.length > 0) return found;
      }
      return [];
    },
  };
}
