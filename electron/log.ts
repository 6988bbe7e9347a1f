/** The shell's log: stderr, which the OS keeps for a desktop app and tests can silence. */
export function log(message: string, error?: unknown): void {
  if (error === undefined) console.error(`[FieldKey] ${message}`);
  else console.error(`[FieldKey] ${message}`, error);
}
