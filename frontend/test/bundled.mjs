// Shared by the unit tests here (not a test itself): imports a TypeScript module of src/ bundled by esbuild in memory,
// as the browser would get it, without writing anything.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** The exports of src/`path` (e.g. 'viewer/sanitize-events.ts'). */
export async function importBundled(path) {
  const bundled = await build({
    entryPoints: [join(src, path)], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'error',
  });
  return import('data:text/javascript;base64,' + Buffer.from(bundled.outputFiles[0].text).toString('base64'));
}
