import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface UrlPrintingProcess {
  /** The line that matched `urlLine`. */
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs `node <args>` and waits for the line matching `urlLine` that the FieldKey servers print
 * on a line of their own; fails with everything printed when it exits or takes too long first.
 */
export async function startUrlPrintingProcess(options: {
  name: string;
  args: string[];
  urlLine: RegExp;
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<UrlPrintingProcess> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} printed no URL in time:\n${output}`)), options.timeoutMs ?? 20_000);
    lines.on('line', (line) => {
      output += `${line}\n`;
      if (options.urlLine.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
