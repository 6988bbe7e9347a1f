import fs from 'node:fs';
import path from 'node:path';

export interface RotatingFileOptions {
  /** The live file, e.g. `<data folder>/logs/core.log`; older ones are `core.1.log`, `core.2.log`… */
  file: string;
  /** Rotate before a write would take the live file past this many bytes. */
  maxBytes: number;
  /** Rotated files kept beside the live one. */
  keep: number;
}

/** `core.log` → `core.2.log`: the name of the n-th older file (0 is the live file). */
export function rotatedName(file: string, n: number): string {
  if (n === 0) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${n}${ext}`;
}

/**
 * A size-capped log destination: synchronous appends (a line is on disk before the process can
 * die of the error it describes) and rotation by renaming. Written here rather than pino-roll,
 * whose destination opens asynchronously and rolls by time in a worker-friendly way the bundled
 * hosts do not need. A write that fails (a full disk) is dropped: logging never takes the app down.
 */
export class RotatingFile {
  private fd: number | null = null;
  private size = 0;

  constructor(private readonly options: RotatingFileOptions) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
    this.open();
  }

  write(line: string): void {
    try {
      const bytes = Buffer.byteLength(line);
      if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
      if (this.fd === null) this.open();
      fs.writeSync(this.fd!, line);
      this.size += bytes;
    } catch {
      // Nowhere better to say it: stderr may not exist in a packaged app.
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    this.fd = fs.openSync(this.options.file, 'a', 0o600);
    this.size = fs.fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    const { file, keep } = this.options;
    fs.rmSync(rotatedName(file, keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      const from = rotatedName(file, n);
      if (fs.existsSync(from)) fs.renameSync(from, rotatedName(file, n + 1));
    }
    this.open();
  }
}
