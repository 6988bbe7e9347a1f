export declare const START_USAGE: string;
export type StartPlan =
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'electron'; env: Record<string, string>; notes: string[] }
  | { kind: 'browser'; args: string[] };
export declare function planStart(argv: string[], options: { electron: boolean; cwd?: string }): StartPlan;
