// npm run bench: every benchmark in bench/*.bench.ts; results as JSON in bench/results/.
import * as fs from 'node:fs';
import * as path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv[2];
  const resultsDir = path.resolve(__dirname, '..', '..', 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const benches = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js') && (!only || f.startsWith(only)))
    .sort();
  for (const file of benches) {
    const bench = (await import(path.join(__dirname, file))) as { run(dir: string): Promise<void> };
    await bench.run(resultsDir);
  }
  console.log(`\nResults written to ${path.relative(process.cwd(), resultsDir)}/`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
