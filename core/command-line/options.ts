/**
 * What the project's command-line programs (`npm run serve`, `npm run portal`) share: options
 * parsed strictly, a usage text on a mistake, and exit code 2 for a wrong command line.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Prints the message and ends the program with exit code 2 (a wrong command line or set-up). */
export function failCommand(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Every program takes --help. */
const HELP = { help: { type: 'boolean', default: false } } as const;

/**
 * The options given; `--help` prints the usage text and ends the program (exit 0), a mistake
 * prints the parser's message with it (exit 2).
 */
export function parseCommandLine<Options extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: Options, usage: string) {
  const parse = () => parseArgs({ args: argv, options: { ...options, ...HELP }, strict: true }).values;
  let values: ReturnType<typeof parse>;
  try {
    values = parse();
  } catch (err) {
    failCommand(`${(err as Error).message}\n\n${usage}`);
  }
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/** `--port`: 0 (a free port) when absent, else a port number, or the program ends saying why. */
export function portOption(value: string | undefined): number {
  const port = value === undefined ? 0 : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) failCommand(`--port must be a number from 0 to 65535, not "${value}".`);
  return port;
}

/** Ctrl+C (SIGINT) or SIGTERM: says what stops, closes it once, exits 0. */
export function closeOnSignals(what: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping ${what} (${signal}).`);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Runs a program's main; a failure to start is one line naming the program, and exit code 1. */
export function runCommand(what: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(`${what} could not start:`, err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
