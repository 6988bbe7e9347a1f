// Its one job: turn camera frames into confirmed codes — grab a frame when the decoder worker is
// idle, decode it off the UI thread (every barcode in the whole frame), confirm the reads
// (scan-session) and hand each new code to `onCode` in sheet order, with the note, the flash,
// the beep and the outlines for the preview; in MAC mode, take one MAC.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Beeper } from './beep';
import type { ScanEnvironment } from './scan-environment';
import { CodeScanSession, MacScanSession, type ScanMark, type UnreadableArea } from './scan-session';
import type { DecodedBarcode, ScannerPanelProps, ScanWorker } from './types';

/** What the line under the preview says about the last thing scanned. */
export type ScanNote =
  | { kind: 'added'; field: number }
  | { kind: 'duplicate'; field: number }
  | { kind: 'full' }
  | { kind: 'notAMac'; text: string };

/** The outlines to draw over the preview, in the pixels of the frame they were read in. */
export interface ScanView {
  width: number;
  height: number;
  marks: ScanMark[];
}

/** What one opening of the panel works with; made when it opens, closed when it closes. */
interface ScanTools {
  worker: ScanWorker;
  beeper: Beeper;
  session: CodeScanSession | MacScanSession;
}

/** Every barcode in the frame, and the areas that look like barcodes but were not read (when the worker says). */

export function useDecodeLoop({
  env,
  open,
  mode,
  stream,
  videoRef,
  releaseCamera,
  onCode,
  onClose,
}: Pick<ScannerPanelProps, 'open' | 'mode' | 'onCode' | 'onClose'> & {
  env: ScanEnvironment;
  /** The camera's stream; frames are read from `videoRef` while there is one. */
  stream: MediaStream | null;
  videoRef: RefObject<HTMLVideoElement | null>;
  /** Called when a MAC is taken: nothing more is needed from the camera. */
  releaseCamera: () => void;
}) {
  const [tools, setTools] = useState<ScanTools | null>(null);
  /** What stopped the decoder (the panel says it: sayScanError). */
  const [decoderProblem, setDecoderProblem] = useState<{ error: unknown } | null>(null);
  const [note, setNote] = useState<ScanNote | null>(null);
  /** Codes mode: a barcode that is not an authorization code, named after a while of nothing else. */
  const [hint, setHint] = useState<string | null>(null);
  const [view, setView] = useState<ScanView | null>(null);
  const [flashes, setFlashes] = useState(0);
  const [finished, setFinished] = useState(false);
  /** MAC mode: the MAC read, handed over once the dialog has let go of the focus. */
  const [takenMac, setTakenMac] = useState<string | null>(null);
  const decoding = useRef(false);
  const callbacks = useRef({ onCode, onClose });
  useLayoutEffect(() => {
    callbacks.current = { onCode, onClose };
  });

  // One opening of the panel: a decoder, a beeper, a fresh session and counter.
  useEffect(() => {
    if (!open) return;
    setNote(null);
    setHint(null);
    setView(null);
    setFinished(false);
    setDecoderProblem(null);
    setTakenMac(null);
    let worker: ScanWorker;
    try {
      worker = env.createWorker();
    } catch (error) {
      setDecoderProblem({ error });
      return;
    }
    const opened: ScanTools = {
      worker,
      beeper: env.createBeeper(),
      session: mode === 'mac' ? new MacScanSession() : new CodeScanSession(),
    };
    setTools(opened);
    return () => {
      opened.worker.close();
      opened.beeper.close();
      decoding.current = false;
      setTools(null);
    };
  }, [open, mode, env]);

  // Scanning: grab a frame when the decoder is idle, decode, act on the reads, wait for a new frame.
  useEffect(() => {
    const video = videoRef.current;
    if (!open || !stream || !video || !tools || finished || decoderProblem) return;
    let active = true;
    let cancelWait = () => {};

    const actOn = (
      { barcodes, unreadable }: { barcodes: DecodedBarcode[]; unreadable: UnreadableArea[] },
      size: { width: number; height: number },
      grabbedAt: number,
    ) => {
      if (tools.session instanceof MacScanSession) {
        for (const event of tools.session.readFrame(barcodes, grabbedAt)) {
          if (event.kind === 'notAMac') {
            setNote({ kind: 'notAMac', text: event.text });
            continue;
          }
          active = false;
          releaseCamera();
          setTakenMac(event.mac);
          return;
        }
        return;
      }
      const { codes, marks, notACode } = tools.session.readFrame(barcodes, grabbedAt, unreadable);
      setHint(notACode);
      let added = 0;
      let full = false;
      for (const { code, firstSeenAt } of codes) {
        const outcome = callbacks.current.onCode(code);
        if (outcome.kind === 'added') {
          added++;
          setNote({ kind: 'added', field: outcome.field });
          env.recordAdded(firstSeenAt);
        } else if (outcome.kind === 'duplicate') {
          setNote({ kind: 'duplicate', field: outcome.field });
        } else {
          full = true;
          break;
        }
      }
      // One flash and one beep per frame, however many codes it added.
      if (added > 0) {
        setFlashes((count) => count + 1);
        tools.beeper.beep();
      }
      if (full) {
        setNote({ kind: 'full' });
        setView(null);
        setFinished(true);
        active = false;
        return;
      }
      setView((shown) => (marks.length === 0 && (shown === null || shown.marks.length === 0) ? shown : { ...size, marks }));
    };

    const grab = () => {
      if (!active) return;
      // A frame is only taken when the decoder is idle: frames are never queued.
      if (decoding.current) return waitForFrame();
      const grabbedAt = env.now();
      const frame = env.grabFrame(video);
      if (!frame) return waitForFrame();
      decoding.current = true;
      // The frame's pixels go to the worker; its size stays, for the outlines.
      const size = { width: frame.width, height: frame.height };
      tools.worker.decodeDetailed(frame).then(
        (result) => {
          decoding.current = false;
          if (!active) return;
          actOn(result, size, grabbedAt);
          waitForFrame();
        },
        (error: unknown) => {
          decoding.current = false;
          if (active) setDecoderProblem({ error });
        },
      );
    };
    const waitForFrame = () => {
      if (active) cancelWait = env.afterNextFrame(video, grab);
    };

    waitForFrame();
    return () => {
      active = false;
      cancelWait();
      // No frames are read any more: outlines would no longer match the picture.
      setView(null);
    };
  }, [open, stream, videoRef, tools, finished, decoderProblem, env, releaseCamera]);

  // The dialog is closed first (its focus trap gives the focus back), then the MAC is handed
  // over, so the page may move the focus (to the MAC field) and it stays there.
  useEffect(() => {
    if (takenMac === null) return;
    callbacks.current.onCode(takenMac);
    callbacks.current.onClose();
  }, [takenMac]);

  return {
    note,
    hint,
    /** Outlines over the preview for the last frame read (codes mode). */
    view,
    /** Counts the frames that added codes, so each one flashes the preview anew. */
    flashes,
    decoderProblem,
    /** A MAC was taken: the dialog closes before the page hears of it. */
    macTaken: takenMac !== null,
  };
}
