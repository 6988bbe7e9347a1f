import type { ExportedFile } from '../../../../core/export/contract';

/**
 * Saves a file the core made: its bytes become a Blob behind an `<a download>` link that is
 * clicked once. This works the same in Chromium (the browser host) and in Electron, where the
 * link starts a download the shell's session handles.
 */
export function downloadExportedFile(file: ExportedFile, doc: Document = document): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; release the Blob a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
