// Unit test of the customer-side CSS rewriting: `node --test frontend/test/` (run by SanitizerUnitTest in Maven).
// Bundles src/recorder/assets.ts with esbuild in memory; AssetLinks is replaced by a stand-in that marks what it
// proxies (the real one would also upload same-origin assets from the page).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importBundled } from './bundled.mjs';

const { rewriteCss } = await importBundled('recorder/assets.ts');

const BASE = 'https://shop.example/css/site.css';
const links = { proxied: (reference, base) => 'P[' + new URL(reference, base).href + ']' };
const rewrite = (css) => rewriteCss(css, BASE, links);

test('url()s and @imports resolve against the sheet and go through the server', () => {
  assert.equal(rewrite("a{background:url(../img/a.png)} @import 'print.css';"),
    'a{background:url("P[https://shop.example/img/a.png]")} @import url("P[https://shop.example/css/print.css]");');
});

test('bare strings of an image-set are URLs too', () => {
  assert.equal(rewrite('h{background-image:image-set("a.png" 1x, \'b@2x.png\' 2x)}'),
    'h{background-image:image-set(url("P[https://shop.example/css/a.png]") 1x, '
    + 'url("P[https://shop.example/css/b@2x.png]") 2x)}');
  assert.equal(rewrite('i{background:-WEBKIT-image-set(url(x.png) 1x, "y.avif" type("image/avif") 2x)}'),
    'i{background:-WEBKIT-image-set(url("P[https://shop.example/css/x.png]") 1x, '
    + 'url("P[https://shop.example/css/y.avif]") type("image/avif") 2x)}');
});

test('strings outside image-sets stay strings', () => {
  const css = 'j{font-family:"Open Sans", \'Helvetica\';content:"a, b";quotes:\'"\' \'"\'}';
  assert.equal(rewrite(css), css);
  assert.equal(rewrite("k{background:image-set('a.png' 1x)} l{font-family:\"x\", \"y\"}"),
    'k{background:image-set(url("P[https://shop.example/css/a.png]") 1x)} l{font-family:"x", "y"}');
});

test('comments, other strings and malformed image-sets are left alone', () => {
  const comment = "/* Don't use image-set( here */ a{font-family:x, \"Open Sans\"}";
  assert.equal(rewrite(comment), comment);
  assert.equal(rewrite("n{content:\"image-set(\"} o{background:url('x.png')}"),
    'n{content:"image-set("} o{background:url("P[https://shop.example/css/x.png]")}');
  assert.ok(rewrite('p{background:image-set("x.png\n} q{font-family:"y", "z"}').endsWith('} q{font-family:"y", "z"}'));
  assert.ok(rewrite('p{background:image-set("x.png\r} q{font-family:"y", "z"}').endsWith('} q{font-family:"y", "z"}'));
  assert.equal(rewrite('r{background:image-\u017Fet("a.png")} s{background:IMAGE-SET("b.png" 1x)}'),
    'r{background:image-\u017Fet("a.png")} s{background:IMAGE-SET(url("P[https://shop.example/css/b.png]") 1x)}');
});

test('hostile sheets cost linear time', () => {
  const sheets = ['url(', 'url("', "@import '", 'image-set("', 'image-set('].map((unit) => unit.repeat(100000))
    .concat(['url(' + ' '.repeat(200000), 'url(' + '\n'.repeat(200000), 'url(' + 'a'.repeat(200000)]);
  for (const css of sheets) {
    const started = Date.now();
    rewrite(css);
    assert.ok(Date.now() - started < 3000, css.slice(0, 8) + '... took ' + (Date.now() - started) + ' ms');
  }
});
