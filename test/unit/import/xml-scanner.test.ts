import { decodeEntities, XmlScanner } from '../../../core/import/xml-scanner';

/** Every event the scanner reports, as one list of strings. */
function events(pieces: string[]): string[] {
  const seen: string[] = [];
  const scanner = new XmlScanner()
    .on('opentag', (tag) => seen.push(`<${tag.name} ${JSON.stringify(tag.attributes)}${tag.isSelfClosing ? '/' : ''}>`))
    .on('text', (text) => {
      if (text.trim()) seen.push(`text:${text}`);
    })
    .on('cdata', (text) => seen.push(`cdata:${text}`))
    .on('closetag', (tag) => seen.push(`</${tag.name}>`));
  for (const piece of pieces) scanner.write(piece);
  scanner.close();
  return seen;
}

const DOCUMENT = `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- a comment with <tags> inside -->
<x:worksheet xmlns:x="urn:x" a='single "quoted"' b = "spaced&amp;&#x41;&#66;" c="x>y">
  <x:row r="1" spans="1:3"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"/></x:row>
  <x:row r="2"><x:c t="inlineStr"><x:is><x:t xml:space="preserve"> a &lt;b&gt; &quot;c&quot; &apos;d&apos; é ✓ </x:t></x:is></x:c></x:row>
  <x:row r="3"><x:c t="str"><x:v><![CDATA[raw <v> & ]]></x:v></x:c></x:row>
  <?processing instruction?>
</x:worksheet>
`;

describe('XmlScanner', () => {
  const whole = events([DOCUMENT]);

  it('reports tags, attributes (either quote, entities, > in a value), text with entities decoded, CDATA as is', () => {
    expect(whole).toEqual([
      `<x:worksheet {"xmlns:x":"urn:x","a":"single \\"quoted\\"","b":"spaced&AB","c":"x>y"}>`,
      '<x:row {"r":"1","spans":"1:3"}>',
      '<x:c {"r":"A1","t":"s"}>',
      '<x:v {}>',
      'text:0',
      '</x:v>',
      '</x:c>',
      '<x:c {"r":"B1"}/>',
      '</x:c>',
      '</x:row>',
      '<x:row {"r":"2"}>',
      '<x:c {"t":"inlineStr"}>',
      '<x:is {}>',
      '<x:t {"xml:space":"preserve"}>',
      `text: a <b> "c" 'd' é ✓ `,
      '</x:t>',
      '</x:is>',
      '</x:c>',
      '</x:row>',
      '<x:row {"r":"3"}>',
      '<x:c {"t":"str"}>',
      '<x:v {}>',
      'cdata:raw <v> & ',
      '</x:v>',
      '</x:c>',
      '</x:row>',
      '</x:worksheet>',
    ]);
  });

  it('gives the same events however the document is cut into pieces', () => {
    for (let cut = 1; cut < DOCUMENT.length; cut++) {
      expect(events([DOCUMENT.slice(0, cut), DOCUMENT.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(events([...DOCUMENT])).toEqual(whole);
  });

  it.each([
    ['mismatched tags', '<a><b></a></b>'],
    ['a tag left open', '<a><b></b>'],
    ['a document cut inside a tag', '<a><b r="1'],
    ['two roots', '<a/><b/>'],
    ['no root', '  '],
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>'],
    ['an unknown entity', '<a>&x;</a>'],
    ['an unterminated reference', '<a>AT&T</a>'],
    ['an attribute without quotes', '<a b=1></a>'],
    ['a < inside a value', '<a b="<"></a>'],
    ['attributes run together', '<a b="1"c="2"></a>'],
    ['a stray slash', '<a / b="1"></a>'],
  ])('refuses %s', (_, xml) => {
    expect(() => events([xml])).toThrow(/^XML: /);
  });

  it('decodes references, and leaves text without & as it is', () => {
    expect(decodeEntities('plain')).toBe('plain');
    expect(decodeEntities('&#x1F600;&#233;&amp;amp;')).toBe('😀é&amp;');
    expect(() => decodeEntities('&#x110000;')).toThrow();
  });
});
