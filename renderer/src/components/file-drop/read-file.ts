import { englishT } from '../../i18n/english';

/**
 * The file's bytes, sent as they are: every transport carries a Uint8Array without base64. When
 * the file cannot be read, rejects with the browser's error, else one saying so in English (for
 * logs): the import pages say it themselves, in the user's language (`imports.unreadable` and
 * their own `…unreadable` texts).
 */
export function readAsBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(unreadable()));
    reader.readAsArrayBuffer(file);
  });
}

function unreadable(): string {
  const t = englishT();
  return t('imports.unreadable');
}
