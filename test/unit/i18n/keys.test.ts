/**
 * Every key the renderer asks for exists: `t('…')`, `i18n.t('…')` and `i18nKey="…"` against
 * en.json, `core:…` against the core's catalogue. The TypeScript types catch most of these; keys
 * built at run time escape them, so each such key is listed below with what it may be.
 */
import { coreCatalogues } from '../../../core/messages/catalogue';
import en from '../../../renderer/src/i18n/en.json';
import { keyPlaceholders } from './catalogue-compare';
import { type Node, parseSource, rendererSources, unwrap, walk } from './renderer-ast';

export interface KeyUse {
  line: number;
  /** A literal key, or null when it is built at run time. */
  key: string | null;
  /** For a built key: a template's shape (`nav.*`) or the expression's source (`key`). */
  shape: string | null;
}

/** The translation keys a source file uses. */
export function keyUses(ast: Node, source: string): KeyUse[] {
  const uses: KeyUse[] = [];
  const read = (argument: Node) => {
    const node = unwrap(argument);
    const line = node.loc?.start.line ?? 0;
    if (node.type === 'StringLiteral') return uses.push({ line, key: node.value as string, shape: null });
    if (node.type === 'TemplateLiteral') {
      const parts = (node.quasis as Node[]).map((quasi) => (quasi.value as { cooked: string }).cooked);
      if (parts.length === 1) return uses.push({ line, key: parts[0]!, shape: null });
      return uses.push({ line, key: null, shape: parts.join('*') });
    }
    return uses.push({ line, key: null, shape: source.slice(node.start as number, node.end as number) });
  };
  walk(ast, (node) => {
    if (node.type === 'CallExpression') {
      const callee = unwrap(node.callee as Node);
      const isT =
        (callee.type === 'Identifier' && callee.name === 't') ||
        (callee.type === 'MemberExpression' && (callee.property as Node).type === 'Identifier' && (callee.property as Node).name === 't');
      const first = (node.arguments as Node[])[0];
      if (isT && first && first.type !== 'SpreadElement') read(first);
    }
    if (node.type === 'JSXAttribute' && (node.name as Node).name === 'i18nKey' && node.value) {
      const value = node.value as Node;
      read(value.type === 'JSXExpressionContainer' ? (value.expression as Node) : value);
    }
  });
  return uses;
}

/**
 * Keys built at run time, by file and shape, with every value they can take where that set is
 * known (each must then exist), or why any value is safe.
 */
const DYNAMIC_KEYS: { file: string; shape: string; values?: readonly string[]; why?: string }[] = [
  {
    file: 'i18n/messages.ts',
    shape: 'core:*',
    why: 'a core message code (`core:<code>`) the core sent; sayCode asks with a default value, so a code this renderer does not know shows the core English',
  },
];

const rendererKeys = keyPlaceholders(en);
const coreKeys = keyPlaceholders(coreCatalogues.en);
/** Whether a used key (a plural's base key stands for its forms) is in its catalogue. */
const exists = (key: string) => (key.startsWith('core:') ? coreKeys.has(key.slice('core:'.length)) : rendererKeys.has(key));

const sources = rendererSources();
const uses = sources.flatMap(({ file, ast, source }) => keyUses(ast, source).map((use) => ({ file, ...use })));

describe('translation keys used by the renderer', () => {
  it('the scanner finds literal, template and computed keys (so the checks below can fail)', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is source code holding template literals
    const sample = 't(\'a.b\'); i18n.t(`c.d`, { n: 1 }); (t as X)(`e.${f}.g`); t(key); <Trans i18nKey="h.i" />; <Trans i18nKey={j} />';
    const found = keyUses(parseSource(sample), sample).map(({ key, shape }) => key ?? `dynamic ${shape}`);
    expect(found).toEqual(['a.b', 'c.d', 'dynamic e.*.g', 'dynamic key', 'h.i', 'dynamic j']);
  });

  it('scans the real sources', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(uses.filter((use) => use.key).length).toBeGreaterThan(300);
  });

  it('every literal key exists in en.json (or, with `core:`, in the core catalogue)', () => {
    const missing = uses.filter((use) => use.key !== null && !exists(use.key)).map((use) => `${use.file}:${use.line}: ${use.key}`);
    expect(missing).toEqual([]);
  });

  it('every key built at run time is listed with its possible values or why it is safe', () => {
    const unlisted = uses
      .filter((use) => use.key === null && !DYNAMIC_KEYS.some((entry) => entry.file === use.file && entry.shape === use.shape))
      .map((use) => `${use.file}:${use.line}: ${use.shape}`);
    expect(unlisted).toEqual([]);
    expect(DYNAMIC_KEYS.filter((entry) => !entry.values && !entry.why)).toEqual([]);
  });

  it('every value a listed built key can take exists', () => {
    const missing = DYNAMIC_KEYS.flatMap((entry) =>
      (entry.values ?? []).map((value) => entry.shape.replace('*', value)).filter((key) => !exists(key)),
    );
    expect(missing).toEqual([]);
  });

  it('every listed built key is still used (the list does not rot)', () => {
    const unused = DYNAMIC_KEYS.filter((entry) => !uses.some((use) => use.file === entry.file && use.shape === entry.shape));
    expect(unused).toEqual([]);
  });
});
