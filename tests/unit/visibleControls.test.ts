import { describe, expect, it } from 'vitest';
import { showBidi } from '../../src/core/base/visibleControls';
import { fitText } from '../../src/ui/draw/scene';
import { sceneToSvg } from '../../src/ui/draw/sceneSvg';

describe('bidi controls shown, not obeyed (#15)', () => {
  it('shows every embedding, override and isolate as its code point', () => {
    expect(showBidi('pay\u202Egnp.exe')).toBe('pay⟨U+202E⟩gnp.exe');
    const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    expect(showBidi(all)).toBe('⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩');
    expect(showBidi('plain name, עברית and العربية')).toBe('plain name, עברית and العربية');
  });

  it('shows them in diagram labels and in the SVG export', () => {
    expect(fitText('svc\u202Egnp.exe', 400, 7)).toBe('svc⟨U+202E⟩gnp.exe');
    const svg = sceneToSvg({
      width: 100,
      height: 50,
      background: '#fff',
      batches: [{ kind: 'texts', fill: '#000', size: 11, weight: 400, align: 'left', items: [{ x: 1, y: 1, text: 'a\u2067b' }] }],
      stats: { events: 0, marks: 0, edges: 0, edgeSample: 1 },
    }, 'run \u202Eone');
    expect(svg).toContain('a⟨U+2067⟩b');
    expect(svg).toContain('<title>run ⟨U+202E⟩one</title>');
    expect(svg).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
