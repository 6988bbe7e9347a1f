// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRef, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { cameraProblemOf, type CameraDevices } from '../../../renderer/src/scan/camera';
import { ScannerPanel } from '../../../renderer/src/scan/ScannerPanel';
import type { ScanEnvironment } from '../../../renderer/src/scan/scan-environment';
import { HINT_AFTER_MS } from '../../../renderer/src/scan/scan-session';
import type { DecodedBarcode, ScannerPanelProps, ScanOutcome, ScanWorker } from '../../../renderer/src/scan/types';
import { ThemeModeProvider } from '../../../renderer/src/theme/ThemeModeProvider';

const A = '43XC98-68WTGB-CWMH53-YS4RA9';
const B = 'K7PQ2M-9ZR4TD-W8N3VB-6HJ5XC';
const C = 'M2VB8N-Q4WX7R-T9KD3F-P6LZ5H';
const qr = (text: string): DecodedBarcode => ({ text, format: 'QRCode' });
const code128 = (text: string): DecodedBarcode => ({ text, format: 'Code128' });
/** Corner points of a 100 × 40 barcode at (x, y). */
const box = (y: number, x: number) => [
  { x, y },
  { x: x + 100, y },
  { x: x + 100, y: y + 40 },
  { x, y: y + 40 },
];

class FakeTrack {
  stopped = false;
  private endedListeners: (() => void)[] = [];
  constructor(readonly deviceId: string) {}
  stop() {
    this.stopped = true;
  }
  getSettings() {
    return { deviceId: this.deviceId };
  }
  addEventListener(type: string, listener: () => void) {
    if (type === 'ended') this.endedListeners.push(listener);
  }
  /** The camera went away (unplugged): browsers end the track without stop() being called. */
  end() {
    for (const listener of this.endedListeners) listener();
  }
}

/** A stand-in camera: getUserMedia answers from `devices` or fails with `failWith`. */
class FakeCameras {
  devices = [
    { kind: 'videoinput', deviceId: 'cam-1', label: 'Integrated Camera' },
    { kind: 'videoinput', deviceId: 'cam-2', label: 'USB Webcam' },
    { kind: 'audioinput', deviceId: 'mic-1', label: 'Microphone' },
  ];
  failWith: { name: string } | null = null;
  tracks: FakeTrack[] = [];
  requests: MediaStreamConstraints[] = [];

  readonly api = {
    getUserMedia: async (constraints: MediaStreamConstraints) => {
      this.requests.push(constraints);
      if (this.failWith) throw Object.assign(new Error(this.failWith.name), { name: this.failWith.name });
      const video = constraints.video as MediaTrackConstraints;
      const wanted = (video.deviceId as { exact?: string } | undefined)?.exact;
      const device = wanted ? this.devices.find((d) => d.deviceId === wanted) : this.devices[0];
      if (!device) throw Object.assign(new Error('gone'), { name: 'OverconstrainedError' });
      const track = new FakeTrack(device.deviceId);
      this.tracks.push(track);
      return { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
    },
    enumerateDevices: async () => this.devices as MediaDeviceInfo[],
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  } as unknown as CameraDevices;

  get allStopped() {
    return this.tracks.every((track) => track.stopped);
  }
}

/** A stand-in decoder: each call returns the next scripted frame's reads, then nothing. */
class FakeWorker implements ScanWorker {
  declare decodeDetailed?: ScanWorker['decodeDetailed'];
  readonly decoderName = 'fake';
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  closed = false;
  fail: Error | null = null;
  constructor(
    private readonly frames: DecodedBarcode[][],
    private readonly delayMs = 0,
  ) {}
  async decode(): Promise<DecodedBarcode[]> {
    this.calls++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.inFlight--;
    if (this.fail) throw this.fail;
    return this.frames.shift() ?? [];
  }
  close() {
    this.closed = true;
  }
}

function environment(cameras: FakeCameras | null, worker: FakeWorker, remembered: string | null = null) {
  const memory = { value: remembered };
  const env = {
    cameras: cameras?.api ?? null,
    cameraMemory: { read: () => memory.value, write: (id: string) => (memory.value = id) },
    createWorker: () => worker,
    createBeeper: () => ({ beep: env.beep, close: () => undefined }),
    beep: vi.fn(),
    grabs: 0,
    grabFrame: () => {
      env.grabs++;
      return { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    },
    afterNextFrame: (_video: HTMLVideoElement, next: () => void) => {
      const timer = setTimeout(next, 1);
      return () => clearTimeout(timer);
    },
    now: () => performance.now(),
    recordAdded: vi.fn(),
  };
  return { env: env satisfies ScanEnvironment, memory };
}

/** A form stand-in: codes go into fields 1, 2, …; fields are added up to `max`; a code already there is a duplicate. */
function form(prefilled: string[] = [], { initial = 10, max = 10 }: { initial?: number; max?: number } = {}) {
  const fields = [...prefilled];
  const onCode = vi.fn((code: string): ScanOutcome => {
    const present = fields.indexOf(code);
    if (present >= 0) return { kind: 'duplicate', field: present + 1 };
    if (fields.length >= max) return { kind: 'full' };
    fields.push(code);
    return { kind: 'added', field: fields.length };
  });
  const count = () => ({ filled: fields.length, total: Math.max(initial, fields.length) });
  return { fields, onCode, count };
}

type PanelForm = ReturnType<typeof form>;

/** The panel over a form stand-in, re-rendered with the new field count after each code, as the page does. */
function PanelOverForm({ panelForm, ...props }: ScannerPanelProps & { environment: ScanEnvironment; panelForm: PanelForm }) {
  const [, setVersion] = useState(0);
  return (
    <ScannerPanel
      {...props}
      fields={panelForm.count()}
      onCode={(code) => {
        const outcome = panelForm.onCode(code);
        setVersion((version) => version + 1);
        return outcome;
      }}
    />
  );
}

function renderPanel(props: Partial<ScannerPanelProps> & { environment: ScanEnvironment; panelForm?: PanelForm }) {
  const { panelForm, ...rest } = props;
  const all: ScannerPanelProps & { environment: ScanEnvironment } = {
    open: true,
    mode: 'codes',
    onCode: () => ({ kind: 'added', field: 1 }),
    onClose: () => undefined,
    ...rest,
  };
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <ThemeModeProvider>{panelForm ? <PanelOverForm {...all} panelForm={panelForm} /> : <ScannerPanel {...all} />}</ThemeModeProvider>
    </I18nextProvider>,
  );
}

/** The outlines drawn over the preview: [state, points] per outline. */
const outlines = () =>
  [...document.querySelectorAll('svg[aria-hidden="true"] polygon')].map((polygon) => [
    polygon.getAttribute('data-state'),
    polygon.getAttribute('points'),
  ]);

beforeEach(() => {
  // jsdom has no media playback.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
});

describe('camera panel, codes mode', () => {
  it('is a dialog named "Scan with camera" with a Camera picker, a preview and Done', async () => {
    const cameras = new FakeCameras();
    renderPanel({ environment: environment(cameras, new FakeWorker([])).env, panelForm: form() });
    const dialog = screen.getByRole('dialog', { name: 'Scan with camera' });
    expect(within(dialog).getByLabelText('Camera preview').tagName).toBe('VIDEO');
    expect((within(dialog).getByLabelText('Camera preview') as HTMLVideoElement).muted).toBe(true);
    expect(within(dialog).getByRole('button', { name: 'Done' })).toBeTruthy();
    // The counter is in a live region, so a screen reader hears each code land.
    expect(within(dialog).getByRole('status').textContent).toBe('0 of 10 fields filled');

    const picker = await within(dialog).findByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(picker.textContent).toBe('Integrated Camera'));
    fireEvent.mouseDown(picker);
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Integrated Camera', 'USB Webcam']);
  });

  it('sends each new code once, 1D codes after two identical reads; counts, beeps and notes duplicates', async () => {
    const cameras = new FakeCameras();
    const worker = new FakeWorker([
      [qr(A)],
      [code128(B.replace(/-/g, ''))],
      [code128(B.replace(/-/g, ''))],
      [qr(A)],
      [qr(A.toLowerCase())],
      [qr(C)],
    ]);
    const { env } = environment(cameras, worker);
    const panelForm = form([C]);
    renderPanel({ environment: env, panelForm });

    await screen.findByText('Already in field 1');
    expect(panelForm.onCode.mock.calls.map(([code]) => code)).toEqual([A, B, C]);
    expect(panelForm.fields).toEqual([C, A, B]);
    expect(screen.getByText('3 of 10 fields filled')).toBeTruthy();
    expect(env.beep).toHaveBeenCalledTimes(2);
    expect(env.recordAdded).toHaveBeenCalledTimes(2);
  });

  it('counts the fields filled and says which field the code went to', async () => {
    const { env } = environment(new FakeCameras(), new FakeWorker([[qr(A)]]));
    renderPanel({ environment: env, panelForm: form() });
    expect(await screen.findByText('1 of 10 fields filled')).toBeTruthy();
    expect(screen.getByText('Added to field 1')).toBeTruthy();
  });

  it('never grabs a frame while the decoder is busy', async () => {
    const worker = new FakeWorker([[qr(A)], [], [qr(B)]], 20);
    const { env } = environment(new FakeCameras(), worker);
    renderPanel({ environment: env, panelForm: form() });
    await screen.findByText('2 of 10 fields filled');
    expect(worker.maxInFlight).toBe(1);
    expect(env.grabs).toBe(worker.calls);
  });

  it('a sheet in one frame: every code, in reading order, one beep and one flash for the frame', async () => {
    const sheet = [B, A, C].map((code, i) => ({
      ...code128(code.replace(/-/g, '')),
      position: box(i === 0 ? 200 : 20, i === 2 ? 600 : 20),
    }));
    const { env } = environment(new FakeCameras(), new FakeWorker([sheet, sheet]));
    const panelForm = form();
    renderPanel({ environment: env, panelForm });
    await screen.findByText('3 of 10 fields filled');
    expect(panelForm.fields).toEqual([A, C, B]);
    expect(env.beep).toHaveBeenCalledTimes(1);
    expect(env.recordAdded).toHaveBeenCalledTimes(3);
  });

  it('when the fields run out, new codes add fields up to the form’s maximum; then it says the form is full and sends no more', async () => {
    const many = Array.from({ length: 13 }, (_, i) => qr(String(i + 1).padStart(24, '0')));
    const { env } = environment(new FakeCameras(), new FakeWorker([many.slice(0, 5), many.slice(5)]));
    const panelForm = form([], { initial: 3, max: 12 });
    renderPanel({ environment: env, panelForm });
    await screen.findByText('The form is full: one redemption takes at most 50 codes. Redeem these, then scan the rest.');
    expect(screen.getByText('12 of 12 fields filled')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The thirteenth was offered, did not fit, and scanning stopped.
    expect(panelForm.onCode).toHaveBeenCalledTimes(13);
    expect(panelForm.fields).toHaveLength(12);
    // The frame that filled the form still beeped for the codes it added.
    expect(env.beep).toHaveBeenCalledTimes(2);
  });

  it('a barcode that is not an authorization code is ignored; named only when nothing else is found for a while', async () => {
    const { env } = environment(new FakeCameras(), new FakeWorker(Array.from({ length: 6 }, () => [qr('https://example.com/p/1')])));
    let clock = 0;
    env.now = () => (clock += 700);
    renderPanel({ environment: env, panelForm: form() });
    expect(
      await screen.findByText('That barcode is not an authorization code: https://example.com/p/1', undefined, { timeout: 2000 }),
    ).toBeTruthy();
    // Not before HINT_AFTER_MS of it: the first frames said nothing.
    expect(clock).toBeGreaterThanOrEqual(HINT_AFTER_MS);
  });

  it('outlines each code taken (green) and each seen but not taken yet (amber) over the preview, in the frame’s pixels', async () => {
    const taken = { ...qr(A), position: box(20, 20) };
    // A Code 128 read every other frame only: never confirmed, always waiting.
    const unconfirmed = { ...code128(B.replace(/-/g, '')), position: box(300, 20) };
    const frames = Array.from({ length: 200 }, (_, i) => (i % 2 ? [taken, qr('HELLO')] : [taken, unconfirmed, qr('HELLO')]));
    const worker = new FakeWorker(frames);
    worker.decodeDetailed = async () => ({ barcodes: await worker.decode(), unreadable: [{ x: 10, y: 600, width: 50, height: 20 }] });
    const { env } = environment(new FakeCameras(), worker);
    env.grabFrame = () => ({ width: 1280, height: 720, data: new Uint8ClampedArray(4) });
    renderPanel({ environment: env, panelForm: form() });
    await waitFor(() =>
      expect(outlines()).toEqual([
        ['taken', '20,20 120,20 120,60 20,60'],
        ['waiting', '20,300 120,300 120,340 20,340'],
        ['waiting', '10,600 60,600 60,620 10,620'],
      ]),
    );
    const overlay = document.querySelector('polygon')!.closest('svg')!;
    expect(overlay.getAttribute('aria-hidden')).toBe('true');
    expect(overlay.getAttribute('viewBox')).toBe('0 0 1280 720');
    expect(overlay.getAttribute('preserveAspectRatio')).toBe('xMidYMid meet');
    expect(screen.getByRole('status').textContent).toContain('1 of 10 fields filled');
  });

  it('Done stops the camera before onClose, and the decoder is closed', async () => {
    const cameras = new FakeCameras();
    const worker = new FakeWorker([]);
    const onClose = vi.fn(() => expect(cameras.allStopped).toBe(true));
    const view = renderPanel({ environment: environment(cameras, worker).env, onClose });
    await waitFor(() => expect(cameras.tracks).toHaveLength(1));
    expect(cameras.tracks[0]!.stopped).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(cameras.tracks[0]!.stopped).toBe(true);
    view.unmount();
    expect(worker.closed).toBe(true);
  });

  it('Esc closes it the same way; a click beside it does not', async () => {
    const cameras = new FakeCameras();
    const onClose = vi.fn(() => expect(cameras.allStopped).toBe(true));
    renderPanel({ environment: environment(cameras, new FakeWorker([])).env, onClose });
    await waitFor(() => expect(cameras.tracks).toHaveLength(1));

    fireEvent.click(document.querySelector('.MuiBackdrop-root')!);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('unmounting stops the camera, also when it opens after the panel is gone', async () => {
    const cameras = new FakeCameras();
    const view = renderPanel({ environment: environment(cameras, new FakeWorker([])).env });
    view.unmount();
    await waitFor(() => expect(cameras.tracks).toHaveLength(1));
    expect(cameras.allStopped).toBe(true);

    const again = renderPanel({ environment: environment(cameras, new FakeWorker([])).env });
    await waitFor(() => expect(cameras.tracks).toHaveLength(2));
    again.unmount();
    expect(cameras.allStopped).toBe(true);
  });

  it('closing (open=false) stops the camera', async () => {
    const cameras = new FakeCameras();
    const { env } = environment(cameras, new FakeWorker([]));
    const view = renderPanel({ environment: env });
    await waitFor(() => expect(cameras.tracks).toHaveLength(1));
    view.rerender(
      <I18nextProvider i18n={createI18n('en')}>
        <ThemeModeProvider>
          <ScannerPanel open={false} mode="codes" onCode={() => ({ kind: 'full' })} onClose={() => undefined} environment={env} />
        </ThemeModeProvider>
      </I18nextProvider>,
    );
    expect(cameras.allStopped).toBe(true);
  });
});

describe('camera panel, MAC mode', () => {
  it('takes the vendor MAC among several, passes it once, stops the camera and closes', async () => {
    const cameras = new FakeCameras();
    const order: string[] = [];
    const onCode = vi.fn((mac: string): ScanOutcome => {
      order.push(`code ${mac}`);
      return { kind: 'added', field: 1 };
    });
    const onClose = vi.fn(() => order.push(`close, camera stopped: ${cameras.allStopped}`));
    const worker = new FakeWorker([[qr('A1B2C3D4E5F6'), qr('000ADD023F8F')], [qr('000ADD023F8F')]]);
    renderPanel({ environment: environment(cameras, worker).env, mode: 'mac', onCode, onClose });

    expect(screen.getByRole('dialog', { name: 'Scan the MAC address label' })).toBeTruthy();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(order).toEqual(['code 000ADD023F8F', 'close, camera stopped: true']);
    expect(screen.queryByText(/fields filled/)).toBeNull();
  });

  it('the page may move the focus when it takes the MAC (the dialog has let it go by then)', async () => {
    const cameras = new FakeCameras();
    const worker = new FakeWorker([[qr('000ADD023F8F')]]);
    const { env } = environment(cameras, worker);
    function Page() {
      const [scanning, setScanning] = useState(false);
      const macField = useRef<HTMLInputElement>(null);
      return (
        <>
          <input aria-label="MAC Address" ref={macField} />
          <button onClick={() => setScanning(true)}>Scan MAC from label</button>
          {scanning && (
            <ScannerPanel
              open
              mode="mac"
              environment={env}
              onCode={() => {
                macField.current?.focus();
                return { kind: 'added', field: 1 };
              }}
              onClose={() => setScanning(false)}
            />
          )}
        </>
      );
    }
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <Page />
      </I18nextProvider>,
    );
    const opener = screen.getByRole('button', { name: 'Scan MAC from label' });
    opener.focus();
    fireEvent.click(opener);
    await screen.findByRole('dialog');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(screen.getByLabelText('MAC Address'));
  });

  it('Cancel closes without a MAC', async () => {
    const cameras = new FakeCameras();
    const onCode = vi.fn();
    const onClose = vi.fn();
    renderPanel({ environment: environment(cameras, new FakeWorker([])).env, mode: 'mac', onCode, onClose });
    await waitFor(() => expect(cameras.tracks).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onCode).not.toHaveBeenCalled();
  });
});

describe('camera choice', () => {
  it('opens the remembered camera', async () => {
    const cameras = new FakeCameras();
    renderPanel({ environment: environment(cameras, new FakeWorker([]), 'cam-2').env });
    await waitFor(() => expect(cameras.tracks.map((track) => track.deviceId)).toEqual(['cam-2']));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Camera' }).textContent).toBe('USB Webcam'));
  });

  it('falls back to any camera when the remembered one is gone', async () => {
    const cameras = new FakeCameras();
    renderPanel({ environment: environment(cameras, new FakeWorker([]), 'unplugged').env });
    await waitFor(() => expect(cameras.tracks.map((track) => track.deviceId)).toEqual(['cam-1']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a camera picked is opened (the previous one stopped) and remembered', async () => {
    const cameras = new FakeCameras();
    const { env, memory } = environment(cameras, new FakeWorker([]));
    renderPanel({ environment: env });
    const picker = await screen.findByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(picker.textContent).toBe('Integrated Camera'));
    fireEvent.mouseDown(picker);
    fireEvent.click(screen.getByRole('option', { name: 'USB Webcam' }));

    await waitFor(() =>
      expect(cameras.tracks.map((track) => [track.deviceId, track.stopped])).toEqual([
        ['cam-1', true],
        ['cam-2', false],
      ]),
    );
    expect(memory.value).toBe('cam-2');
  });

  it('names cameras by number before the browser gives their names', async () => {
    const cameras = new FakeCameras();
    cameras.devices = cameras.devices.map((device) => ({ ...device, label: '' }));
    renderPanel({ environment: environment(cameras, new FakeWorker([])).env });
    const picker = await screen.findByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(picker.textContent).toBe('Camera 1'));
  });
});

describe('camera problems', () => {
  it.each([
    ['NotFoundError', 'notFound'],
    ['DevicesNotFoundError', 'notFound'],
    ['OverconstrainedError', 'notFound'],
    ['NotReadableError', 'busy'],
    ['TrackStartError', 'busy'],
    ['AbortError', 'busy'],
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['PermissionDeniedError', 'denied'],
    ['TypeError', 'failed'],
  ])('%s is "%s"', (name, problem) => {
    expect(cameraProblemOf(Object.assign(new Error('x'), { name }))).toBe(problem);
  });

  it('anything that is not an error is "failed"', () => {
    expect(cameraProblemOf('boom')).toBe('failed');
    expect(cameraProblemOf(undefined)).toBe('failed');
  });

  it.each([
    ['NotFoundError', 'No camera was found. Connect a webcam and try again, or type the codes.'],
    ['NotReadableError', 'The camera is in use by another application. Close that application and try again, or choose another camera.'],
    [
      'NotAllowedError',
      "Camera access was refused. Allow FieldKey to use the camera (in the system's privacy settings, or the browser's site settings), then try again.",
    ],
    [
      'SecurityError',
      "Camera access was refused. Allow FieldKey to use the camera (in the system's privacy settings, or the browser's site settings), then try again.",
    ],
    ['InvalidStateError', 'The camera could not be started. Try again or choose another camera.'],
  ])('%s: the panel says why, and Try again opens the camera once it can', async (name, message) => {
    const cameras = new FakeCameras();
    cameras.failWith = { name };
    renderPanel({ environment: environment(cameras, new FakeWorker([])).env });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The camera cannot be used');
    expect(alert.textContent).toContain(message);

    cameras.failWith = null;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(cameras.tracks).toHaveLength(1);
    expect(screen.getByLabelText('Camera preview')).toBeTruthy();
  });

  it('no camera API (an insecure page): says so; Done still closes', async () => {
    const onClose = vi.fn();
    renderPanel({ environment: environment(null, new FakeWorker([])).env, onClose });
    expect((await screen.findByRole('alert')).textContent).toContain('This window has no access to cameras (it is not a secure page).');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('a camera unplugged while scanning: says it stopped', async () => {
    const cameras = new FakeCameras();
    renderPanel({ environment: environment(cameras, new FakeWorker([])).env });
    await waitFor(() => expect(cameras.tracks).toHaveLength(1));
    act(() => cameras.tracks[0]!.end());
    expect((await screen.findByRole('alert')).textContent).toContain('The camera stopped (was it unplugged?).');
  });

  it('a decoder that fails: says so, and the panel still closes', async () => {
    const worker = new FakeWorker([]);
    worker.fail = new Error('The barcode decoder stopped: the worker failed to start or crashed.');
    const onClose = vi.fn();
    renderPanel({ environment: environment(new FakeCameras(), worker).env, onClose });
    expect(await screen.findByText(/The barcode reader stopped working: The barcode decoder stopped/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
  });
});
