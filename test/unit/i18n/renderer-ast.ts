/**
 * Reads the renderer's sources as syntax trees (Babel's parser, which the React plugin already
 * brings: TypeScript 7's compiler has no JavaScript parser API), for the tests that check no text
 * escapes translation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import { sourceFiles } from '../../support/source-files';

export const rendererSrc = path.resolve(__dirname, '..', '..', '..', 'renderer', 'src');

/** A syntax node, loosely typed: tests read `type` and a few fields. */
export interface Node {
  type: string;
  loc?: { start: { line: number } };
  [field: string]: unknown;
}

export function parseSource(source: string, jsx = true): Node {
  return parse(source, { sourceType: 'module', plugins: jsx ? ['typescript', 'jsx'] : ['typescript'] }) as unknown as Node;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** Visits every node depth-first; `parents` is the chain from the root (nearest last). */
export function walk(node: Node, visit: (node: Node, parents: Node[]) => void, parents: Node[] = []): void {
  visit(node, parents);
  const chain = [...parents, node];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit, chain);
    } else if (isNode(value)) walk(value, visit, chain);
  }
}

/** An expression without its type assertions and parentheses: `(t as X)` → `t`. */
export function unwrap(node: Node): Node {
  let current = node;
  while (
    ['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSTypeAssertion'].includes(current.type)
  ) {
    current = current.expression as Node;
  }
  return current;
}

export interface RendererSource {
  /** Relative to renderer/src, with forward slashes. */
  file: string;
  ast: Node;
  source: string;
}

/** Every renderer source file, parsed (tests and declaration files left out). */
export function rendererSources(): RendererSource[] {
  return sourceFiles(rendererSrc).map((full) => {
    const source = fs.readFileSync(full, 'utf8');
    return { file: path.relative(rendererSrc, full).split(path.sep).join('/'), ast: parseSource(source, full.endsWith('x')), source };
  });
}
