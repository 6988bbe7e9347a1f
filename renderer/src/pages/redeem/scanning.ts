import type { ComponentType } from 'react';
import type { ScannerPanelProps } from '../../scan/types';

/**
 * What the Redeem page needs from the scanning feature: the camera panel and the picture reader.
 * Injected (tests pass stand-ins); null while a build has no scanner, and the buttons are disabled.
 */
export interface ScanningTools {
  ScannerPanel: ComponentType<ScannerPanelProps> | null;
  /** Every barcode text found in a picture (a photo, a screenshot, a pasted image). */
  readBarcodesFromPicture: ((picture: Blob) => Promise<string[]>) | null;
}

export const defaultScanningTools: ScanningTools = { ScannerPanel: null, readBarcodesFromPicture: null };
