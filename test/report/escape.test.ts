// Escaping in the markdown and HTML renderers: data can never become markup.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from '../../src/report/html-template.js';
import { renderReportHtml } from '../../src/report/html.js';
import { escapeMarkdown, mdTable, renderReportMarkdown } from '../../src/report/markdown.js';
import { report } from './fixtures.js';

describe('html tagged template', () => {
  it('escapes every interpolated value', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>',
    );
  });

  it('nests safe markup, joins arrays and drops null, undefined and false', () => {
    const items = ['a<', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>0');
    expect(html`${trusted('<b>')}`.value).toBe('<b>');
  });

  it('escapes the five characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('markdown escaping', () => {
  it('escapes pipes, backticks, emphasis, links and inline HTML, and flattens line breaks', () => {
    expect(escapeMarkdown('a|b `c` *d* _e_ [f](g) <h> \\ i\nj')).toBe('a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\> \\\\ i j');
  });

  it('keeps a table to its columns whatever the cells hold', () => {
    const table = mdTable(['Rep', 'N'], [['x | y', '1']], ['l', 'r']);
    expect(table.split('\n')[2]).toBe('| x \\| y | 1 |');
  });
});

describe('renderers on hostile names and prompts', () => {
  it('HTML shows them as text', () => {
    const out = renderReportHtml(report());
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<b>"');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;Jordan&quot;) | `Ellis` &lt;b&gt;');
  });

  it('markdown keeps every table row to its columns', () => {
    const out = renderReportMarkdown(report());
    for (const line of out.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = line.replace(/\\\|/g, '').split('|').length;
      expect(cells, line).toBe(out.split('\n').find((l) => l.startsWith('| Rep | Goal'))!.split('|').length);
      if (!line.startsWith('| Rep | Goal')) break;
    }
    expect(out).toContain('\\<script\\>alert(1)\\</script\\>');
  });
});
