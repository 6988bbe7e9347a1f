/**
 * The webcam: which error means what to the technician, which cameras there are, and the one
 * remembered between sessions. Every stream opened here is stopped by `stopStream` (light off).
 */

/** Why the camera cannot be used, each with its own message and advice in the panel. */
export type CameraProblem =
  /** No getUserMedia at all: the page is not a secure context, or the runtime has no camera API. */
  | 'unsupported'
  /** No camera is connected (or the chosen one is gone). */
  | 'notFound'
  /** Another application holds the camera. */
  | 'busy'
  /** The user, the OS or the app's permission handler refused access. */
  | 'denied'
  /** The camera stopped while in use (unplugged, or taken by the OS). */
  | 'ended'
  | 'failed';

/** getUserMedia's DOMException names (with the older Chromium and Firefox spellings). */
const PROBLEM_BY_ERROR_NAME: Record<string, CameraProblem> = {
  NotFoundError: 'notFound',
  DevicesNotFoundError: 'notFound',
  OverconstrainedError: 'notFound',
  ConstraintNotSatisfiedError: 'notFound',
  NotReadableError: 'busy',
  TrackStartError: 'busy',
  // Firefox reports a camera held by another application this way.
  AbortError: 'busy',
  NotAllowedError: 'denied',
  PermissionDeniedError: 'denied',
  SecurityError: 'denied',
};

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  return PROBLEM_BY_ERROR_NAME[name] ?? 'failed';
}

/** The part of navigator.mediaDevices the panel uses (a stand-in in unit tests). */
export type CameraDevices = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;

export interface CameraChoice {
  deviceId: string;
  /** Empty until the user has allowed the camera once (browsers hide names before that). */
  label: string;
}

/** Open the camera: the chosen one exactly, else any, preferring one facing away from the user. */
export function cameraConstraints(deviceId: string | null): MediaStreamConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return { audio: false, video: deviceId ? { ...size, deviceId: { exact: deviceId } } : { ...size, facingMode: { ideal: 'environment' } } };
}

/** Whether a failure to open a particular camera means it is not there any more. */
export function isCameraGone(error: unknown): boolean {
  return cameraProblemOf(error) === 'notFound';
}

/**
 * Opens the remembered camera, or, when it is gone (unplugged, another computer), any camera.
 * A camera that is there but busy or refused is reported, not silently replaced.
 */
export async function openCamera(devices: CameraDevices, remembered: string | null): Promise<MediaStream> {
  if (remembered) {
    try {
      return await devices.getUserMedia(cameraConstraints(remembered));
    } catch (error) {
      if (!isCameraGone(error)) throw error;
    }
  }
  return devices.getUserMedia(cameraConstraints(null));
}

export async function listCameras(devices: CameraDevices): Promise<CameraChoice[]> {
  const all = await devices.enumerateDevices();
  return all.filter((device) => device.kind === 'videoinput' && device.deviceId !== '').map(({ deviceId, label }) => ({ deviceId, label }));
}

/** Stops every track: the camera light goes off. */
export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Where the chosen camera is remembered (a device id, meaningful on this computer only). */
export const CAMERA_STORAGE_KEY = 'fieldkey.scan.cameraDeviceId';

export interface CameraMemory {
  read(): string | null;
  write(deviceId: string): void;
}

/** localStorage, when the page may use it (it can throw in a locked-down profile). */
export function localCameraMemory(): CameraMemory {
  return {
    read() {
      try {
        return window.localStorage.getItem(CAMERA_STORAGE_KEY);
      } catch {
        return null;
      }
    },
    write(deviceId) {
      try {
        window.localStorage.setItem(CAMERA_STORAGE_KEY, deviceId);
      } catch {
        // Not remembered; the camera still works.
      }
    },
  };
}
