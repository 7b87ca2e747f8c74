import { expect } from 'chai';
import { escapeHtml, html, trustedHtml } from '../../../src/auth/console/html.js';

describe('html tagged template', () => {
  it('escapes every interpolated string, in text and in attribute values', () => {
    const name = `<script>alert("x")</script> & 'quoted'`;
    expect(html`<p title="${name}">${name}</p>`.text).to.equal(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>');
  });

  it('keeps nested templates and explicitly trusted markup as they are', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<p>${inner}${trustedHtml('<br>')}</p>`.text).to.equal('<p><b>a&lt;b</b><br></p>');
  });

  it('renders arrays item by item, escaping plain strings among them', () => {
    expect(html`<ul>${['<x>', html`<li>y</li>`]}</ul>`.text).to.equal('<ul>&lt;x&gt;<li>y</li></ul>');
  });

  it('renders null, undefined and false as nothing, and numbers and true as text', () => {
    expect(html`${null}${undefined}${false}|${0}|${true}`.text).to.equal('|0|true');
  });

  it('escapeHtml leaves text without special characters alone', () => {
    expect(escapeHtml('com.atlassian.pats')).to.equal('com.atlassian.pats');
  });
});
