import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { Dialog } from '../components/Dialog';
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
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CameraProblem } from './camera';
import { browserScanEnvironment, type ScanEnvironment } from './scan-environment';
import { ScanOverlay } from './ScanOverlay';
import type { ScannerPanelProps } from './types';
import { useCamera } from './use-camera';
import { sayScanError } from './problems';
import { useDecodeLoop, type ScanNote } from './use-decode-loop';

const flashKeyframes = keyframes`
  from { opacity: 0.55; }
  to { opacity: 0; }
`;

/**
 * The webcam scanner, over the Redeem form. `codes` mode scans continuously, the whole picture
 * (a sheet of codes at once): each new valid authorization code goes to `onCode` once, in the
 * order printed, with a beep and a flash when it lands in a field; the preview outlines the
 * codes taken (green) and those seen but not taken yet (amber), and the counter says how many
 * of the form's fields are filled.
 * `mac` mode takes one MAC address and closes. Frames go to the decoder worker one at a time,
 * only when it is idle. The camera is stopped (its light off) before `onClose` and on unmount;
 * when it cannot be used the panel says why and the form stays usable behind it.
 *
 * The layout of the panel: the camera is `useCamera`, the frames-to-codes loop `useDecodeLoop`.
 * `environment` is for tests (a stand-in camera and decoder); the app leaves it out.
 */
export function ScannerPanel({ open, mode, fields, onCode, onClose, environment }: ScannerPanelProps & { environment?: ScanEnvironment }) {
  const { t } = useTranslation();
  const env = useMemo(() => environment ?? browserScanEnvironment(), [environment]);
  const titleId = useId();
  const cameraLabelId = useId();
  const camera = useCamera(env, open);
  const scan = useDecodeLoop({
    env,
    open,
    mode,
    stream: camera.stream,
    videoRef: camera.videoRef,
    releaseCamera: camera.release,
    onCode,
    onClose,
  });
  const { note, hint, view, flashes, decoderProblem } = scan;
  const { cameras, problem, starting } = camera;

  const close = () => {
    camera.release();
    onClose();
  };

  return (
    <Dialog
      open={open && !scan.macTaken}
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
                value={camera.activeCamera}
                onChange={(event) => camera.pick(event.target.value)}
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
              {mode === 'codes' && fields && (
                <Typography sx={{ fontWeight: 500 }}>{t('scan.fieldsFilled', { filled: fields.filled, count: fields.total })}</Typography>
              )}
              {note && (
                <Typography
                  variant="body2"
                  color={note.kind === 'added' ? 'success.main' : note.kind === 'full' ? 'warning.main' : 'text.secondary'}
                  sx={{ fontWeight: note.kind === 'full' ? 500 : undefined }}
                >
                  {noteMessage(note, t)}
                </Typography>
              )}
              {hint !== null && (
                <Typography variant="body2" color="text.secondary">
                  {t('scan.notACode', { text: hint })}
                </Typography>
              )}
            </Box>
          </Stack>

          {problem ? (
            <Alert
              severity="error"
              action={
                problem !== 'unsupported' && (
                  <Button color="inherit" size="small" onClick={camera.retry}>
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
                ref={camera.videoRef}
                muted
                playsInline
                autoPlay
                aria-label={t('scan.preview')}
                sx={{ display: 'block', width: '100%', height: '100%', objectFit: 'contain' }}
              />
              {mode === 'codes' ? (
                // The whole picture is read: no guide frame, the codes seen are outlined instead.
                <ScanOverlay view={view} />
              ) : (
                // The guide frame: where to hold the label; the view outside it is dimmed.
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
              )}
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

          {decoderProblem && <Alert severity="error">{t('scan.decoderFailed', { message: sayScanError(t, decoderProblem.error) })}</Alert>}
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

function noteMessage(note: ScanNote, t: TFunction): string {
  switch (note.kind) {
    case 'added':
      return t('scan.added', { field: note.field });
    case 'duplicate':
      return t('scan.duplicate', { field: note.field });
    case 'full':
      return t('scan.full');
    case 'notAMac':
      return t('scan.notAMac', { text: note.text });
  }
}
