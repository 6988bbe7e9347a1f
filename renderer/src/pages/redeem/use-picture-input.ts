// Its one job: a picture dropped on the form, chosen with the file button or pasted (into a
// field or anywhere on the page) is decoded, and the codes in it are handed to `fill`.
import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PictureError, sayScanError } from '../../scan/problems';
import { extractAuthCodes, type ExtractedCodes } from './extract-codes';
import type { ScanningTools } from './scanning';

const pictureIn = (files: Iterable<File> | undefined) => [...(files ?? [])].find((file) => file.type.startsWith('image/'));

export function usePictureInput(
  read: ScanningTools['readBarcodesFromPicture'],
  {
    locked,
    fill,
    starting,
  }: {
    locked: boolean;
    /** The codes found, from field `start` (null: the first empty field). */
    fill: (extracted: ExtractedCodes, start: number | null) => void;
    /** A picture is about to be read: what the last fill reported no longer applies. */
    starting: () => void;
  },
) {
  const { t } = useTranslation();
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const readPicture = useCallback(
    async (picture: Blob, start: number | null) => {
      if (!read) return;
      setProblem(null);
      starting();
      setReading(true);
      try {
        const texts = await read(picture);
        const extracted = extractAuthCodes(texts.join('\n'));
        if (extracted.codes.length === 0) {
          setProblem(t('redeem.picture.noCodes'));
          return;
        }
        fill(extracted, start);
      } catch (err) {
        // The reader names what is wrong with the file (not a picture, damaged, empty).
        setProblem(err instanceof PictureError ? sayScanError(t, err) : t('redeem.picture.unreadable'));
      } finally {
        setReading(false);
      }
    },
    [fill, read, starting, t],
  );

  /** A picture pasted into a code field fills from that field; true when the paste was a picture. */
  const onFieldPaste = useCallback(
    (index: number, event: ClipboardEvent<HTMLInputElement>): boolean => {
      const picture = pictureIn(event.clipboardData.files);
      if (!picture) return false;
      event.preventDefault();
      void readPicture(picture, index);
      return true;
    },
    [readPicture],
  );

  // A picture pasted anywhere on the page (not into a field, which handles its own).
  useEffect(() => {
    const onPaste = (event: globalThis.ClipboardEvent) => {
      if (event.defaultPrevented || locked || !read) return;
      const picture = pictureIn(event.clipboardData?.files);
      if (!picture) return;
      event.preventDefault();
      void readPicture(picture, null);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [locked, read, readPicture]);

  /** Spread on the drop area (the whole form). */
  const dropTarget = {
    onDragOver: (event: DragEvent) => {
      if (locked || !read || ![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: DragEvent) => {
      setDragging(false);
      const picture = pictureIn(event.dataTransfer.files);
      if (!picture || locked) return;
      event.preventDefault();
      void readPicture(picture, null);
    },
  };

  /** Spread on the hidden `<input type="file">` that the Read codes from picture button opens. */
  const fileInputProps = {
    ref: fileInput,
    onChange: (event: { target: HTMLInputElement }) => {
      const picture = event.target.files?.[0];
      event.target.value = '';
      if (picture) void readPicture(picture, null);
    },
  };

  return {
    available: read !== null,
    reading,
    problem,
    dismissProblem: () => setProblem(null),
    dragging,
    dropTarget,
    choose: () => fileInput.current?.click(),
    fileInputProps,
    onFieldPaste,
    reset: () => setProblem(null),
  };
}
