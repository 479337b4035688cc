// Bundles the extension host (pg and zod inlined) and each webview app.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = !watch && process.env.OPENHEXA_DEV !== '1';
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm');

const webviewApps = readdirSync('webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
  .map((d) => ({ in: join('webview', d.name, 'main.ts'), out: d.name }));

// pg, pg-copy-streams, pg-cursor, libpg-query, sql-formatter and exceljs are bundled apart (dist/<name>.js) and required on
// the first connection, export, query run, formatting or workbook read: the extension's own bundle, which VS Code parses at
// activation, stays small, and the host tier can see in require.cache that activation did not load
// them. libpg-query's WebAssembly (PostgreSQL's parser) goes beside its loader, where it looks for it.
const DRIVERS = ['pg', 'pg-copy-streams', 'pg-cursor', 'libpg-query', 'sql-formatter', 'exceljs'];
const requireFrom = createRequire(import.meta.url);
const driversApart = {
  name: 'drivers-apart',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${DRIVERS.join('|')})$`) }, (args) => ({ path: `./${args.path}.js`, external: true }));
  },
};

// Every `import 'vscode'` goes through one module (see src/platform/vscodeOnce.ts).
const VSCODE_ONCE = join(process.cwd(), 'src', 'platform', 'vscodeOnce.ts');
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.importer === VSCODE_ONCE ? { path: 'vscode', external: true } : { path: VSCODE_ONCE }));
  },
};

const common = { bundle: true, minify: production, sourcemap: production ? false : 'linked', logLevel: 'warning', legalComments: 'none' };

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'pg-native'],
    plugins: [driversApart, vscodeOnce],
  },
  {
    ...common,
    // Each driver's CommonJS entry (what require() would load): a package name alone resolves as an import, to its ES module where it has one.
    entryPoints: DRIVERS.map((name) => ({ in: requireFrom.resolve(name), out: name })),
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['pg-native'],
  },
  {
    ...common,
    entryPoints: webviewApps,
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    tsconfig: 'webview/tsconfig.json',
  },
  {
    ...common,
    // The notebook renderer: an ES module VS Code loads into the notebook's webview.
    entryPoints: [{ in: 'webview/notebookRenderer/sqlResult.ts', out: 'sqlResult' }],
    outdir: 'dist/renderer',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    tsconfig: 'webview/tsconfig.json',
  },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('build: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`build: dist/extension.js, ${DRIVERS.map((d) => `dist/${d}.js`).join(', ')}, ${webviewApps.length} webview app(s) and the notebook renderer`);
}
