import * as os from 'node:os';

/** The machine a benchmark ran on, stored with its figures. */
export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printTable(title: string, rows: { case: string; medianMs: number; runs: number }[]): void {
  console.log(`\n${title}`);
  console.log(`  ${'case'.padEnd(56)} ${'median ms'.padStart(10)} ${'runs'.padStart(5)}`);
  for (const row of rows) {
    console.log(`  ${row.case.padEnd(56)} ${row.medianMs.toFixed(1).padStart(10)} ${String(row.runs).padStart(5)}`);
  }
}
