// Bundles the browser code: `node build.mjs OUTDIR [--sourcemap]`.
// Writes OUTDIR/gcb.min.js (customer script), OUTDIR/agent.js (agent embed and console) and OUTDIR/rrweb-replay.css,
// after a type check: any type error fails the build, so Maven never packages code that tsc rejects.
// `node build.mjs --fixtures OUTDIR` bundles the browser tests' fixtures instead (fixtures/*.jsx, e.g. a React page),
// which are never shipped.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outDir = args.find((a) => !a.startsWith('--'));
const sourcemap = args.includes('--sourcemap');
const fixtures = args.includes('--fixtures');
if (!outDir) {
  console.error('usage: node build.mjs OUTDIR [--sourcemap] | node build.mjs --fixtures OUTDIR');
  process.exit(2);
}

function typeCheck() {
  const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(here, 'tsconfig.json')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('build.mjs: type check failed');
    process.exit(1);
  }
}

async function bundle(entry, outfile, extra = {}) {
  await build({
    ...extra,
    entryPoints: [join(here, entry)],
    outfile: join(resolve(outDir), outfile),
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2019',
    sourcemap: sourcemap ? 'linked' : false,
    legalComments: 'eof',
    logLevel: 'warning',
  });
}

/** Test fixtures: React in its production build, as a site would ship it. */
const FIXTURES = [
  ['fixtures/react-form.jsx', 'react-form.js'],
  // The fidelity corpus (src/test/java/org/opencobrowse/fidelity): real libraries, bundled as sites bundle them.
  ['fixtures/corpus-react.jsx', 'corpus-react.js'],
  ['fixtures/corpus-styled.jsx', 'corpus-styled.js'],
  ['fixtures/corpus-lit.js', 'corpus-lit.js'],
];
/** A web font (SIL OFL) from npm for the corpus' font pages. */
const FONT = ['node_modules/@fontsource/lobster/files/lobster-latin-400-normal.woff2', 'lobster.woff2'];

async function bundleFixtures() {
  mkdirSync(resolve(outDir), { recursive: true });
  try {
    await Promise.all(FIXTURES.map(([entry, outfile]) => bundle(entry, outfile, {
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
    })));
  } catch (e) {
    console.error('build.mjs: bundling the fixtures failed');
    process.exit(1);
  }
  copyFileSync(join(here, FONT[0]), join(resolve(outDir), FONT[1]));
  console.log(`build.mjs: wrote ${FIXTURES.map((f) => f[1]).join(', ')}, ${FONT[1]} to ${resolve(outDir)}`);
}

if (fixtures) {
  await bundleFixtures();
  process.exit(0);
}

typeCheck();
mkdirSync(resolve(outDir), { recursive: true });
try {
  await Promise.all([
    bundle('src/recorder/index.ts', 'gcb.min.js'),
    bundle('src/viewer/index.ts', 'agent.js'),
  ]);
} catch (e) {
  console.error('build.mjs: bundling failed');
  process.exit(1);
}
copyFileSync(join(here, 'node_modules', '@rrweb', 'replay', 'dist', 'style.css'), join(resolve(outDir), 'rrweb-replay.css'));
console.log(`build.mjs: wrote gcb.min.js, agent.js, rrweb-replay.css to ${resolve(outDir)}`);
