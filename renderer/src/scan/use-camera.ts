// Its one job: the camera while the panel is open — open it (the one picked, else the remembered
// one, else any), list the cameras, say why it cannot be used (refused, none, busy, unplugged),
// show its picture in the video, and stop it (light off) when the panel closes or unmounts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraConstraints, cameraProblemOf, listCameras, openCamera, stopStream, type CameraChoice, type CameraProblem } from './camera';
import type { ScanEnvironment } from './scan-environment';

export function useCamera(env: ScanEnvironment, open: boolean) {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [activeCamera, setActiveCamera] = useState('');
  /** The camera picked in this opening of the panel (null: the remembered one, or any). */
  const [pickedCamera, setPickedCamera] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);

  /** Stops every track of the open camera (light off) and forgets it. */
  const release = useCallback(() => {
    stopStream(streamRef.current);
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
    setStream(null);
  }, []);

  const refreshCameras = useCallback(() => {
    if (env.cameras) listCameras(env.cameras).then(setCameras, () => undefined);
  }, [env]);

  // Each opening of the panel starts from the remembered camera.
  useEffect(() => {
    if (open) setPickedCamera(null);
  }, [open]);

  // `attempt` is in the list on purpose: Try again bumps it to open the camera anew.
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt triggers a retry without being read
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
          release();
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
      release();
    };
  }, [open, env, pickedCamera, attempt, release, refreshCameras]);

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

  /** The technician chose a camera: used now and remembered for next time. */
  const pick = (deviceId: string) => {
    env.cameraMemory.write(deviceId);
    setPickedCamera(deviceId);
  };

  return {
    videoRef,
    stream,
    cameras,
    /** The device id of the camera in use, when the picker lists it; else ''. */
    activeCamera: cameras.some((camera) => camera.deviceId === activeCamera) ? activeCamera : '',
    problem,
    starting: open && !stream && !problem,
    retry: () => setAttempt((count) => count + 1),
    pick,
    release,
  };
}
