/**
 * The short tone for a code added by the camera, made with WebAudio (nothing is fetched, and it
 * works offline). Created when the panel opens, from the click that opened it, so the browser's
 * autoplay rule lets it sound.
 */
export interface Beeper {
  beep(): void;
  close(): void;
}

export function createBeeper(): Beeper {
  let context: AudioContext | null = null;
  try {
    context = typeof AudioContext === 'undefined' ? null : new AudioContext();
  } catch {
    context = null;
  }
  return {
    beep() {
      if (!context) return;
      try {
        if (context.state === 'suspended') void context.resume().catch(() => undefined);
        const start = context.currentTime;
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = 1760;
        // A soft attack and release: no click at either end.
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.12);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start);
        oscillator.stop(start + 0.13);
      } catch {
        // No sound is no reason to stop scanning.
      }
    },
    close() {
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}
