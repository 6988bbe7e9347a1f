/**
 * No user-facing text is written in the renderer's code: JSX text and the strings given to props a
 * person reads (labels, titles, placeholders, accessible names, helper texts, tooltips) come from
 * the catalogues. Only a few words that are the same in every language are allowed.
 */
import { type Node, parseSource, rendererSources, unwrap, walk } from './renderer-ast';

/** Props (and object keys in prop objects, e.g. `inputProps={{ 'aria-label': … }}`) whose strings a person reads. */
const USER_FACING_PROPS = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'helperText',
  'alt',
  'tooltip',
  'tooltipTitle',
  'description',
  'heading',
  'subheader',
  'primary',
  'secondary',
  'caption',
  'children',
  'emptyText',
  'emptyLabel',
  'noOptionsText',
  'loadingText',
  'getAriaValueText',
]);

/** Text that reads the same in every language: the product's name, units, separators. */
const ALLOWED_WORDS = ['FieldKey', 'MB', 'KB', 'GB', 'px', 'ms', 'MAC', 'SKU', 'RMA', 'USB', 'ID', 'CSV', 'TXT', 'XLSX'];
const allowedWords = new RegExp(`\\b(?:${ALLOWED_WORDS.join('|')})\\b`, 'g');

/** Whether a piece of text needs translating: it has letters other than the allowed words. */
export function needsTranslation(text: string): boolean {
  return /\p{L}/u.test(text.replace(allowedWords, ''));
}

export interface Offender {
  line: number;
  where: string;
  text: string;
}

/** The literal strings an expression can evaluate to (through `a ? 'x' : 'y'`, `a || 'x'`, templates). */
function literalStrings(expression: Node): string[] {
  const node = unwrap(expression);
  switch (node.type) {
    case 'StringLiteral':
      return [node.value as string];
    case 'TemplateLiteral':
      return [(node.quasis as Node[]).map((quasi) => (quasi.value as { cooked: string }).cooked).join(' ')];
    case 'ConditionalExpression':
      return [...literalStrings(node.consequent as Node), ...literalStrings(node.alternate as Node)];
    case 'LogicalExpression':
      return [...literalStrings(node.left as Node), ...literalStrings(node.right as Node)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...literalStrings(node.left as Node), ...literalStrings(node.right as Node)] : [];
    default:
      return [];
  }
}

function propName(node: Node): string | null {
  if (node.type === 'JSXAttribute') {
    const name = node.name as Node;
    return name.type === 'JSXIdentifier' ? (name.name as string) : null;
  }
  const key = node.key as Node;
  if (node.computed) return null;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'StringLiteral') return key.value as string;
  return null;
}

/** The user-facing literal text in a source file. */
export function hardCodedText(ast: Node): Offender[] {
  const offenders: Offender[] = [];
  const add = (node: Node, where: string, text: string) => {
    if (needsTranslation(text)) offenders.push({ line: node.loc?.start.line ?? 0, where, text: text.trim().replace(/\s+/g, ' ') });
  };
  walk(ast, (node, parents) => {
    const parent = parents[parents.length - 1];
    if (node.type === 'JSXText') add(node, 'JSX text', node.value as string);
    // {'Text'} or {done ? 'Yes' : 'No'} as a JSX child.
    if (node.type === 'JSXExpressionContainer' && (parent?.type === 'JSXElement' || parent?.type === 'JSXFragment')) {
      for (const text of literalStrings(node.expression as Node)) add(node, 'JSX child', text);
    }
    if (node.type === 'JSXAttribute') {
      const name = propName(node);
      const value = node.value as Node | null;
      if (!name || !value || !USER_FACING_PROPS.has(name)) return;
      const texts = value.type === 'JSXExpressionContainer' ? literalStrings(value.expression as Node) : literalStrings(value);
      for (const text of texts) add(node, `${name}=`, text);
    }
    // Inside a JSX prop's object (inputProps={{ 'aria-label': 'Search' }}, slotProps) or a column list.
    if (node.type === 'ObjectProperty' && parents.some((p) => p.type === 'JSXAttribute' || p.type === 'JSXExpressionContainer')) {
      const name = propName(node);
      if (name && USER_FACING_PROPS.has(name)) for (const text of literalStrings(node.value as Node)) add(node, `${name}:`, text);
    }
  });
  return offenders;
}

describe('no hard-coded user-facing text in the renderer', () => {
  it('the checker finds JSX text, user-facing props and prop objects, and allows units and separators', () => {
    const sample = `
      <Box title="Save" aria-label={busy ? 'Saving' : t('x')} color="primary" i18nKey="a.b">
        Hello <b>{'world'}</b> · — : 12 MB {t('ok')}
        <TextField label={\`Name \${n}\`} inputProps={{ 'aria-label': 'Search', type: 'search' }} placeholder={t('p')} />
        <Tooltip title="FieldKey" /> {'·'} {name}
      </Box>`;
    expect(hardCodedText(parseSource(sample)).map(({ where, text }) => `${where} ${text}`)).toEqual([
      'title= Save',
      'aria-label= Saving',
      'JSX text Hello',
      'JSX child world',
      'label= Name',
      'aria-label: Search',
    ]);
    expect(needsTranslation(' · — : 12 MB ')).toBe(false);
    expect(needsTranslation('FieldKey')).toBe(false);
    expect(needsTranslation('MBs')).toBe(true);
  });

  const sources = rendererSources().filter(({ file }) => file.endsWith('.tsx'));

  it('checks every .tsx file of the renderer', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it('no .tsx file has literal JSX text or user-facing prop strings: they come from en.json', () => {
    const offenders = sources.flatMap(({ file, ast }) =>
      hardCodedText(ast).map((o) => `${file}:${o.line}: ${o.where} ${JSON.stringify(o.text)}`),
    );
    expect(offenders).toEqual([]);
  });
});
