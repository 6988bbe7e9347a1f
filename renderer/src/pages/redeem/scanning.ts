import type { ComponentType } from 'react';
import { readBarcodesFromPicture } from '../../scan/picture';
import { ScannerPanel } from '../../scan/ScannerPanel';
import type { ScannerPanelProps } from '../../scan/types';

/**
 * What the Redeem page needs from the scanning feature: the camera panel and the picture reader.
 * Injected so tests can pass stand-ins; null disables the matching buttons.
 */
export interface ScanningTools {
  ScannerPanel: ComponentType<ScannerPanelProps> | null;
  /** Every barcode text found in a picture (a photo, a screenshot, a pasted image). */
  readBarcodesFromPicture: ((picture: Blob) => Promise<string[]>) | null;
}

export const defaultScanningTools: ScanningTools = {
  ScannerPanel,
  // One argument only: the reader starts its own decode worker for each picture.
  readBarcodesFromPicture: (picture) => readBarcodesFromPicture(picture),
};
