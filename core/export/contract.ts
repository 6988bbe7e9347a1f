/**
 * What every export hands back: a file the renderer saves where the user chooses. Shared by
 * every feature that exports, so it lives here rather than in any one of them.
 */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64-encoded (it crosses the JSON transports). */
  base64: string;
}
