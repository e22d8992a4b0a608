import { describe, expect, it } from 'vitest';
import { buildAxisPositions } from '../../src/core/view/axisPositions';
import { buildScene, type SceneInput } from '../../src/ui/draw/buildScene';
import { defaultTheme } from '../../src/ui/draw/drawTheme';
import { classifyEdges } from '../../src/ui/draw/edgeDirection';
import { defaultChoices, layoutLanes } from '../../src/ui/draw/laneLayout';
import { fitText } from '../../src/ui/draw/scene';
import { escapeXml, sceneToSvg } from '../../src/ui/draw/sceneSvg';
import { fit } from '../../src/ui/draw/viewport';
import { makeLanes } from './diagramFixtures';

const T = Date.UTC(2024, 2, 1, 12, 0, 0);

function input(names: string[], axis: 'logical' | 'raw' = 'raw'): SceneInput {
  const d = makeLanes(
    [
      [{ lamport: 1, ms: T, kind: 'send' }, { lamport: 2, ms: null }, { lamport: 3, ms: T + 20 }],
      [{ lamport: 2, ms: T - 40, kind: 'receive' }],
    ],
    [[[0, 0], [1, 0]]],
    { names },
  );
  const a = buildAxisPositions(d, axis);
  const layout = layoutLanes(defaultChoices(d.processDomain), d.processDomain);
  const frame = { width: 800, height: 200 };
  return { lanes: d, axis: a, edgeClass: classifyEdges(d, a), layout, view: fit(a, frame), frame, theme: defaultTheme(false), folds: null, highlight: null, selected: 0, marked: null };
}

describe('SVG export', () => {
  it('escapes markup and replaces characters XML forbids', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeXml('a\u0000b\u001bc\td\n')).toBe('a\ufffdb\ufffdc\td\n');
    expect(escapeXml('lone \ud800 surrogate, pair 😀')).toBe('lone \ufffd surrogate, pair 😀');
  });

  it('writes hostile process names as text', () => {
    const svg = sceneToSvg(buildScene(input(['<img src=x onerror=alert(1)>', 'b&"c'])), 'title <b>');
    expect(svg).not.toMatch(/<img|<b>/);
    expect(svg).toContain('&lt;img src=x');
    expect(svg).toContain('b&amp;&quot;c');
    expect(svg).toContain('<title>title &lt;b&gt;</title>');
  });

  it('is byte-identical for the same view', () => {
    const a = sceneToSvg(buildScene(input(['api', 'db'])), 't');
    const b = sceneToSvg(buildScene(input(['api', 'db'])), 't');
    expect(a).toBe(b);
    expect(a).not.toMatch(/-0[^.\d]|NaN|undefined/);
  });

  it('shows the marks of the view: backward dashed arrow, hollow untimed event, selection ring, labels', () => {
    const svg = sceneToSvg(buildScene(input(['api', 'db'])), 't');
    expect(svg).toContain('stroke="#b3261e"');
    expect(svg).toContain('stroke-dasharray="6 3"');
    expect(svg).toMatch(/<g fill="#ffffff" stroke="hsl\([^"]+\)" stroke-width="1.5">\n<circle/);
    expect(svg).toContain('stroke="#2457c5" stroke-width="2.5"');
    expect(svg).toContain('>Raw time (UTC) →</text>');
    expect(svg).toContain('>api</text>');
    const logical = sceneToSvg(buildScene(input(['api', 'db'], 'logical')), 't');
    expect(logical).not.toContain('stroke="#b3261e"');
    expect(logical).toContain('>Lamport time →</text>');
  });

  it('cuts long labels by an estimate, never splitting a surrogate pair', () => {
    expect(fitText('short', 100, 7)).toBe('short');
    expect(fitText('a-very-long-process-name', 70, 7)).toBe('a-very-lo…');
    expect(fitText('😀😀😀😀😀', 21, 7)).toBe('😀😀…');
  });
});
