// Bundles the extension host (pg and zod inlined) and each webview app.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = !watch && process.env.OPENHEXA_DEV !== '1';
rmSync('dist', { recursive: true, force: true });

const webviewApps = readdirSync('webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
  .map((d) => ({ in: join('webview', d.name, 'main.ts'), out: d.name }));

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
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('build: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`build: dist/extension.js and ${webviewApps.length} webview app(s)`);
}
