// Unit test of the agent-side event sanitiser: `node --test frontend/test/` (run by SanitizerUnitTest in Maven).
// Bundles src/viewer/sanitize-events.ts with esbuild in memory, then feeds it forged rrweb events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importBundled } from './bundled.mjs';

const { EventSanitizer } = await importBundled('viewer/sanitize-events.ts');

const el = (id, tagName, attributes = {}, childNodes = [], extra = {}) =>
  ({ type: 2, id, tagName, attributes, childNodes, ...extra });
const text = (id, textContent, extra = {}) => ({ type: 3, id, textContent, ...extra });
const snapshot = (...body) => ({ type: 2, timestamp: 1, data: { initialOffset: { top: 0, left: 0 }, node:
  { type: 0, id: 1, childNodes: [el(2, 'html', {}, [el(3, 'head'), el(4, 'body', {}, body)])] } } });
const mutation = (data) => ({ type: 3, timestamp: 2,
  data: { source: 0, adds: [], removes: [], texts: [], attributes: [], ...data } });
const clean = (...events) => {
  const sanitizer = new EventSanitizer();
  return events.map((e) => (sanitizer.sanitize(e) ? e : null));
};
const body = (event) => event.data.node.childNodes[0].childNodes[1].childNodes;

test('script elements become empty inert templates, whatever their case or namespace', () => {
  const [event] = clean(snapshot(el(10, 'SCRIPT', { src: 'x.js' }, [text(11, 'alert(1)')]),
    el(12, 'script', { href: '#' }, [text(13, 'alert(2)')], { isSVG: true })));
  const [script, svgScript] = body(event);
  assert.deepEqual([script.tagName, script.attributes, script.childNodes[0].textContent], ['template', {}, '']);
  assert.equal(svgScript.tagName, 'template');
  assert.equal(svgScript.isSVG, undefined);
});

test('event handlers, srcdoc, http-equiv, javascript: and HTML data: URLs go; harmless values stay', () => {
  const [event] = clean(snapshot(
    el(10, 'img', { src: 'https://shop.example/a.png', onerror: 'alert(1)', OnLoad: 'x', alt: 'javascript:ok' }),
    el(11, 'a', { href: ' JaVa\tScRiPt:alert(1)', title: 't' }),
    el(12, 'iframe', { srcdoc: '<script>alert(1)</script>', src: 'data:text/html,x', rr_src: 'javascript:1' }),
    el(13, 'meta', { 'http-equiv': 'refresh', content: '0;url=javascript:alert(1)' }),
    el(14, 'form', { action: 'data:text/html;base64,PHNjcmlwdD4=' }, [el(15, 'button', { formaction: 'javascript:1' })]),
    el(16, 'img', { src: 'data:image/png;base64,iVBOR', srcset: 'data:image/png;base64,AA 1x, /b.png 2x' }),
    el(17, 'a', { href: '/cobrowse/proxy?url=https%3A%2F%2Fshop.example%2F' }),
    el(18, 'a', { 'xlink:href': 'javascript:alert(1)' }, [], { isSVG: true })));
  const [img, a, iframe, meta, form, dataImg, proxied, svgLink] = body(event);
  assert.deepEqual(img.attributes, { src: 'https://shop.example/a.png', alt: 'javascript:ok' });
  assert.deepEqual(a.attributes, { title: 't' });
  assert.deepEqual(iframe.attributes, {});
  assert.deepEqual(meta.attributes, { content: '0;url=javascript:alert(1)' });
  assert.deepEqual([form.attributes, form.childNodes[0].attributes], [{}, {}]);
  assert.equal(dataImg.attributes.src, 'data:image/png;base64,iVBOR');
  assert.ok(dataImg.attributes.srcset);
  assert.equal(proxied.attributes.href, '/cobrowse/proxy?url=https%3A%2F%2Fshop.example%2F');
  assert.deepEqual(svgLink.attributes, {});
});

test('base, object and embed are neutralised; preload links lose their target', () => {
  const [event] = clean(snapshot(el(10, 'base', { href: 'https://evil.example/' }),
    el(11, 'object', { data: 'data:text/html,x', class: 'c' }, [text(12, 'fallback')]),
    el(13, 'link', { rel: 'preload', as: 'script', href: 'https://evil.example/x.js' }),
    el(14, 'link', { rel: 'stylesheet', href: 'https://shop.example/s.css' })));
  const [base, object, preload, stylesheet] = body(event);
  assert.equal(base.tagName, 'template');
  assert.deepEqual([object.tagName, object.attributes, object.childNodes[0].textContent], ['span', { class: 'c' }, 'fallback']);
  assert.equal(preload.attributes.href, null);
  assert.equal(stylesheet.attributes.href, 'https://shop.example/s.css');
});

test('CSS loses expression(), javascript: URLs and foreign @import, and stays byte for byte otherwise', () => {
  const plain = '.icon::before { content: "\\f101"; } body { background: url(data:image/png;base64,AA) }';
  const [event] = clean(snapshot(
    el(10, 'style', {}, [text(11, '@import url(https://evil.example/x.css); p { color: red }', { isStyle: true })]),
    el(12, 'div', { style: 'width: ex\\70ression(alert(1)); background: url(" javascript:alert(1)")' }),
    el(13, 'style', { _cssText: plain })));
  const [style, div, keep] = body(event);
  assert.equal(style.childNodes[0].textContent.trim(), 'p { color: red }');
  assert.doesNotMatch(div.attributes.style, /expression|javascript/);
  assert.equal(keep.attributes._cssText, plain);
});

test('mutations are cleaned with what the snapshot said about their nodes', () => {
  const events = clean(snapshot(el(10, 'script', {}, [text(11, '')]), el(12, 'style', {}, [text(13, 'p{}')]),
    el(14, 'link', { rel: 'prefetch' })),
  mutation({
    adds: [{ parentId: 4, nextId: null, node: el(20, 'img', { src: 'x', onerror: 'alert(1)' }) },
      { parentId: 12, nextId: null, node: text(21, 'a{background:url(javascript:alert(1))}') }],
    attributes: [{ id: 10, attributes: { src: 'https://evil.example/x.js' } },
      { id: 20, attributes: { onload: 'alert(1)', style: { color: 'red', width: ['expression(1)', ''] } } },
      { id: 14, attributes: { href: 'https://evil.example/' } }],
    texts: [{ id: 11, value: 'alert(1)' }, { id: 13, value: 'p{behavior:url(x.htc)}' }],
  }),
  { type: 3, timestamp: 3, data: { source: 8, id: 12, adds: [{ rule: 'p{x:expression(1)}' }] } },
  { type: 3, timestamp: 4, data: { source: 16, define: { name: 'bad name' } } },
  { type: 6, timestamp: 5, data: { plugin: 'x', payload: {} } });
  const data = events[1].data;
  assert.deepEqual(data.adds[0].node.attributes, { src: 'x' });
  assert.doesNotMatch(data.adds[1].node.textContent, /javascript/);
  assert.deepEqual(data.attributes[0].attributes, {});
  assert.deepEqual(data.attributes[1].attributes, { style: { color: 'red', width: ['blocked(1)', ''] } });
  assert.equal(data.attributes[2].attributes.href, null);
  assert.deepEqual(data.texts.map((t) => t.value), ['', 'p{blocked-behavior:url(x.htc)}']);
  assert.doesNotMatch(events[2].data.adds[0].rule, /expression/);
  assert.equal(events[3], null);
  assert.equal(events[4], null);
});

test('malformed events are dropped instead of throwing', () => {
  assert.deepEqual(clean(null, { type: 2, data: null }, 'x').map((e) => e === null), [true, true, true]);
});

test('a text add listed before its style or script parent is still judged by that parent', () => {
  const [, event] = clean(snapshot(), mutation({ adds: [
    { parentId: 31, nextId: null, node: text(30, 'a{background:url(javascript:alert(1))}') },
    { parentId: 4, nextId: null, node: el(31, 'style') },
    { parentId: 33, nextId: null, node: text(32, 'alert(1)') },
    { parentId: 4, nextId: null, node: el(33, 'script') },
    { parentId: 4, nextId: null, node: { type: 4, id: 34, textContent: 'x' } }] }));
  const byId = Object.fromEntries(event.data.adds.map((add) => [add.node.id, add.node]));
  assert.doesNotMatch(byId[30].textContent, /javascript/);
  assert.equal(byId[32].textContent, '');
  assert.equal(byId[34].type, 3);
});

test('nothing loosens the console referrer policy, and page URLs are http(s) only', () => {
  const [meta, event] = clean({ type: 4, timestamp: 0, data: { href: 'javascript:alert(1)', width: 1, height: 1 } },
    snapshot(el(10, 'meta', { name: 'Referrer', content: 'unsafe-url' }),
      el(11, 'img', { src: 'https://shop.example/a.png', referrerpolicy: 'unsafe-url' })));
  assert.equal(meta.data.href, '');
  const [metaReferrer, img] = body(event);
  assert.deepEqual(metaReferrer.attributes, { content: 'unsafe-url' });
  assert.deepEqual(img.attributes, { src: 'https://shop.example/a.png' });
  const [page] = clean({ type: 4, timestamp: 0, data: { href: 'https://shop.example/cart', width: 1, height: 1 } });
  assert.equal(page.data.href, 'https://shop.example/cart');
});
