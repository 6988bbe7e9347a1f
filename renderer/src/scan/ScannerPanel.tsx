import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { keyframes } from '@mui/material/styles';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Beeper } from './beep';
import { cameraConstraints, cameraProblemOf, listCameras, openCamera, stopStream, type CameraChoice, type CameraProblem } from './camera';
import { browserScanEnvironment, type ScanEnvironment } from './scan-environment';
import { CodeScanSession, MacScanSession } from './scan-session';
import type { DecodedBarcode, ScannerPanelProps, ScanWorker } from './types';

/** What the line under the preview says about the last thing scanned. */
type Note =
  | { kind: 'added'; field: number }
  | { kind: 'duplicate'; field: number }
  | { kind: 'full' }
  | { kind: 'notACode'; text: string }
  | { kind: 'notAMac'; text: string };

/** What one opening of the panel works with; made when it opens, closed when it closes. */
interface ScanTools {
  worker: ScanWorker;
  beeper: Beeper;
  session: CodeScanSession | MacScanSession;
}

const flashKeyframes = keyframes`
  from { opacity: 0.55; }
  to { opacity: 0; }
`;

/**
 * The webcam scanner, over the Redeem form. `codes` mode scans continuously: each new valid
 * authorization code goes to `onCode` once, with a beep and a flash when it lands in a field.
 * `mac` mode takes one MAC address and closes. Frames go to the decoder worker one at a time,
 * only when it is idle. The camera is stopped (its light off) before `onClose` and on unmount;
 * when it cannot be used the panel says why and the form stays usable behind it.
 *
 * `environment` is for tests (a stand-in camera and decoder); the app leaves it out.
 */
export function ScannerPanel({ open, mode, onCode, onClose, environment }: ScannerPanelProps & { environment?: ScanEnvironment }) {
  const { t } = useTranslation();
  const env = useMemo(() => environment ?? browserScanEnvironment(), [environment]);
  const titleId = useId();
  const cameraLabelId = useId();

  const [tools, setTools] = useState<ScanTools | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [activeCamera, setActiveCamera] = useState('');
  /** The camera picked in this opening of the panel (null: the remembered one, or any). */
  const [pickedCamera, setPickedCamera] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [decoderProblem, setDecoderProblem] = useState<string | null>(null);
  const [addedCount, setAddedCount] = useState(0);
  const [note, setNote] = useState<Note | null>(null);
  const [flashes, setFlashes] = useState(0);
  const [finished, setFinished] = useState(false);
  /** MAC mode: the MAC read, handed over once the dialog has let go of the focus. */
  const [takenMac, setTakenMac] = useState<string | null>(null);

  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const decoding = useRef(false);
  const callbacks = useRef({ onCode, onClose });
  useLayoutEffect(() => {
    callbacks.current = { onCode, onClose };
  });

  /** Stops every track of the open camera (light off) and forgets it. */
  const releaseCamera = useCallback(() => {
    stopStream(streamRef.current);
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
    setStream(null);
  }, []);

  const close = useCallback(() => {
    releaseCamera();
    callbacks.current.onClose();
  }, [releaseCamera]);

  const refreshCameras = useCallback(() => {
    if (env.cameras) listCameras(env.cameras).then(setCameras, () => undefined);
  }, [env]);

  // One opening of the panel: a decoder, a beeper, a fresh session and counter.
  useEffect(() => {
    if (!open) return;
    setAddedCount(0);
    setNote(null);
    setFinished(false);
    setDecoderProblem(null);
    setPickedCamera(null);
    setTakenMac(null);
    let worker: ScanWorker;
    try {
      worker = env.createWorker();
    } catch (error) {
      setDecoderProblem(messageOf(error));
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

  // The camera: the one picked, else the remembered one, else any; stopped when the panel closes.
  useEffect(() => {
    if (!open) return;
    const devices = env.cameras;
    if (!devices) {
      setProblem('unsupported');
      return;
    }
    let cancelled = false;
    setProblem(null);
    const opening = pickedCamera ? devices.getUserMedia(cameraConstraints(pickedCamera)) : openCamera(devices, env.cameraMemory.read());
    opening.then(
      (opened) => {
        if (cancelled) {
          stopStream(opened);
          return;
        }
        streamRef.current = opened;
        setStream(opened);
        const track = opened.getVideoTracks()[0];
        setActiveCamera(track?.getSettings().deviceId ?? '');
        track?.addEventListener('ended', () => {
          if (streamRef.current !== opened) return;
          releaseCamera();
          setProblem('ended');
        });
        // Camera names are only given once the camera is allowed: list them now.
        refreshCameras();
      },
      (error: unknown) => {
        if (cancelled) return;
        setProblem(cameraProblemOf(error));
        refreshCameras();
      },
    );
    return () => {
      cancelled = true;
      releaseCamera();
    };
  }, [open, env, pickedCamera, attempt, releaseCamera, refreshCameras]);

  // A camera plugged in or out shows up in the picker.
  useEffect(() => {
    const devices = env.cameras;
    if (!open || !devices) return;
    devices.addEventListener('devicechange', refreshCameras);
    return () => devices.removeEventListener('devicechange', refreshCameras);
  }, [open, env, refreshCameras]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !stream) return;
    video.srcObject = stream;
    try {
      // Muted and inline, so it may play without a gesture; a newer stream interrupts it.
      void Promise.resolve(video.play()).catch(() => undefined);
    } catch {
      // A runtime without media playback: the frames still come when there are any.
    }
  }, [stream]);

  // Scanning: grab a frame when the decoder is idle, decode, act on the reads, wait for a new frame.
  useEffect(() => {
    const video = videoRef.current;
    if (!open || !stream || !video || !tools || finished || decoderProblem) return;
    let active = true;
    let cancelWait = () => {};

    const actOn = (barcodes: DecodedBarcode[], grabbedAt: number) => {
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
      for (const event of tools.session.readFrame(barcodes, grabbedAt)) {
        if (event.kind === 'notACode') {
          setNote({ kind: 'notACode', text: event.text });
          continue;
        }
        const outcome = callbacks.current.onCode(event.code);
        if (outcome.kind === 'added') {
          setAddedCount((count) => count + 1);
          setNote({ kind: 'added', field: outcome.field });
          setFlashes((count) => count + 1);
          tools.beeper.beep();
          env.recordAdded(event.firstSeenAt);
        } else if (outcome.kind === 'duplicate') {
          setNote({ kind: 'duplicate', field: outcome.field });
        } else {
          setNote({ kind: 'full' });
          setFinished(true);
          active = false;
          return;
        }
      }
    };

    const grab = () => {
      if (!active) return;
      // A frame is only taken when the decoder is idle: frames are never queued.
      if (decoding.current) return waitForFrame();
      const grabbedAt = env.now();
      const frame = env.grabFrame(video);
      if (!frame) return waitForFrame();
      decoding.current = true;
      tools.worker.decode(frame).then(
        (barcodes) => {
          decoding.current = false;
          if (!active) return;
          actOn(barcodes, grabbedAt);
          waitForFrame();
        },
        (error: unknown) => {
          decoding.current = false;
          if (active) setDecoderProblem(messageOf(error));
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
    };
  }, [open, stream, tools, finished, decoderProblem, env, releaseCamera]);

  // The dialog is closed first (its focus trap gives the focus back), then the MAC is handed
  // over, so the page may move the focus (to the MAC field) and it stays there.
  useEffect(() => {
    if (takenMac === null) return;
    callbacks.current.onCode(takenMac);
    callbacks.current.onClose();
  }, [takenMac]);

  const pickCamera = (deviceId: string) => {
    env.cameraMemory.write(deviceId);
    setPickedCamera(deviceId);
  };

  const cameraListed = cameras.some((camera) => camera.deviceId === activeCamera);
  const starting = open && !stream && !problem;

  return (
    <Dialog
      open={open && takenMac === null}
      onClose={(_event, reason) => {
        // A click beside the panel is too easy while holding codes up to the camera.
        if (reason !== 'backdropClick') close();
      }}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>{mode === 'mac' ? t('scan.titleMac') : t('scan.titleCodes')}</DialogTitle>
      <DialogContent>
        {/* Room above the picker for its outlined label. */}
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <FormControl size="small" sx={{ width: { xs: '100%', sm: 320 } }} disabled={cameras.length === 0}>
              <InputLabel id={cameraLabelId}>{t('scan.camera')}</InputLabel>
              <Select
                labelId={cameraLabelId}
                label={t('scan.camera')}
                value={cameraListed ? activeCamera : ''}
                onChange={(event) => pickCamera(event.target.value)}
              >
                {cameras.map((camera, index) => (
                  <MenuItem key={camera.deviceId} value={camera.deviceId}>
                    {camera.label || t('scan.cameraNumbered', { number: index + 1 })}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <Box
              role="status"
              aria-live="polite"
              sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, alignItems: 'baseline', minHeight: 24 }}
            >
              {mode === 'codes' && (
                <Typography sx={{ fontWeight: 500 }}>
                  {addedCount === 0
                    ? t('scan.countNone')
                    : addedCount === 1
                      ? t('scan.countOne')
                      : t('scan.countMany', { number: addedCount })}
                </Typography>
              )}
              {note && (
                <Typography variant="body2" color={note.kind === 'added' ? 'success.main' : 'text.secondary'}>
                  {noteMessage(note, t)}
                </Typography>
              )}
            </Box>
          </Stack>

          {problem ? (
            <Alert
              severity="error"
              action={
                problem !== 'unsupported' && (
                  <Button color="inherit" size="small" onClick={() => setAttempt((count) => count + 1)}>
                    {t('scan.retry')}
                  </Button>
                )
              }
            >
              <AlertTitle>{t('scan.problemTitle')}</AlertTitle>
              {cameraProblemMessage(problem, t)}
            </Alert>
          ) : (
            // At most about half the window high, so the counter and Done stay in view on a small laptop screen.
            <Box
              sx={{
                position: 'relative',
                width: '100%',
                maxWidth: 'calc(52vh * 16 / 9)',
                alignSelf: 'center',
                aspectRatio: '16 / 9',
                bgcolor: 'common.black',
                borderRadius: 1,
                overflow: 'hidden',
              }}
            >
              <Box
                component="video"
                ref={videoRef}
                muted
                playsInline
                autoPlay
                aria-label={t('scan.preview')}
                sx={{ display: 'block', width: '100%', height: '100%', objectFit: 'contain' }}
              />
              {/* The guide frame: where to hold a code; the view outside it is dimmed. */}
              <Box
                aria-hidden
                sx={{
                  position: 'absolute',
                  inset: '14% 12%',
                  border: '3px solid',
                  borderColor: 'primary.light',
                  outline: '1px solid rgba(0, 0, 0, 0.45)',
                  borderRadius: 2,
                  boxShadow: '0 0 0 100vmax rgba(0, 0, 0, 0.3)',
                  pointerEvents: 'none',
                }}
              />
              {flashes > 0 && (
                <Box
                  key={flashes}
                  aria-hidden
                  sx={{
                    position: 'absolute',
                    inset: 0,
                    bgcolor: 'success.main',
                    opacity: 0,
                    animation: `${flashKeyframes} 450ms ease-out`,
                    pointerEvents: 'none',
                  }}
                />
              )}
              {starting && (
                <Stack
                  spacing={1.5}
                  sx={{ position: 'absolute', inset: 0, alignItems: 'center', justifyContent: 'center', color: 'common.white' }}
                >
                  <CircularProgress color="inherit" aria-hidden />
                  <Typography>{t('scan.starting')}</Typography>
                </Stack>
              )}
            </Box>
          )}

          {decoderProblem && <Alert severity="error">{t('scan.decoderFailed', { message: decoderProblem })}</Alert>}
          <Typography variant="body2" color="text.secondary">
            {mode === 'mac' ? t('scan.helpMac') : t('scan.helpCodes')}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant={mode === 'codes' ? 'contained' : 'text'} onClick={close} autoFocus>
          {mode === 'codes' ? t('scan.done') : t('scan.cancel')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export default ScannerPanel;

export function cameraProblemMessage(problem: CameraProblem, t: TFunction): string {
  switch (problem) {
    case 'unsupported':
      return t('scan.problem.unsupported');
    case 'notFound':
      return t('scan.problem.notFound');
    case 'busy':
      return t('scan.problem.busy');
    case 'denied':
      return t('scan.problem.denied');
    case 'ended':
      return t('scan.problem.ended');
    case 'failed':
      return t('scan.problem.failed');
  }
}

function noteMessage(note: Note, t: TFunction): string {
  switch (note.kind) {
    case 'added':
      return t('scan.added', { field: note.field });
    case 'duplicate':
      return t('scan.duplicate', { field: note.field });
    case 'full':
      return t('scan.full');
    case 'notACode':
      return t('scan.notACode', { text: note.text });
    case 'notAMac':
      return t('scan.notAMac', { text: note.text });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
