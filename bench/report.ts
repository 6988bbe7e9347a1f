/**
 * How a benchmark prints a figure: one line for a person (`name: value unit  [target …]`) and,
 * when the bench was started with `--json` (`npm run bench -- --json`), one JSON object on a
 * line of its own, `{"name": …, "value": N, "unit": …}`, for scripts that compare runs.
 * A helper, not a benchmark: scripts/bench.mjs skips files that other benches import.
 */

/** `x`: a ratio (one timing over another). */
export type FigureUnit = 'ms' | 's' | 'MB' | '%' | 'x';

const json = process.argv.includes('--json');

/** Enough digits to compare runs, not more: 0.42 ms, 12.3 ms, 850 ms, 14.2 s, 312 MB, 97.3 %. */
function rounded(value: number, unit: FigureUnit): number {
  if (unit === 'MB') return Math.round(value);
  if (unit === '%') return Number(value.toFixed(1));
  if (unit === 'x') return Number(value.toFixed(2));
  const digits = value < 1 ? 3 : value < 100 ? 2 : 1;
  return Number(value.toFixed(digits));
}

export function figure(name: string, value: number, unit: FigureUnit, target?: string): void {
  const shown = rounded(value, unit);
  console.log(`${name}: ${shown.toLocaleString('en', { maximumFractionDigits: 3 })} ${unit}${target ? `  [target ${target}]` : ''}`);
  if (json) console.log(JSON.stringify({ name, value: shown, unit }));
}

/** The median of some timings (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
