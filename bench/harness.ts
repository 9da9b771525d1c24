/**
 * A small timing harness: run a function repeatedly (after a warm-up) and report throughput and latency
 * percentiles. Every benchmark prints its figures next to a baseline measured in the same run.
 */
export interface Timing {
  name: string;
  iterations: number;
  opsPerSec: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export async function time(name: string, fn: () => unknown | Promise<unknown>, opts: { minMs?: number; minIterations?: number; warmup?: number } = {}): Promise<Timing> {
  const { minMs = 2000, minIterations = 20, warmup = 5 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minIterations || performance.now() - start < minMs) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
  return {
    name,
    iterations: samples.length,
    opsPerSec: (samples.length / total) * 1000,
    meanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
    p50Ms: pct(50),
    p95Ms: pct(95),
    p99Ms: pct(99),
  };
}

export function printTable(title: string, rows: Timing[], baseline?: Timing): void {
  console.log(`\n## ${title}`);
  console.log('| measure | iterations | ops/s | mean ms | p50 ms | p95 ms | p99 ms |' + (baseline ? ' vs baseline |' : ''));
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |' + (baseline ? ' ---: |' : ''));
  for (const r of rows) {
    const ratio = baseline ? ` ${r === baseline ? 'baseline' : `${(baseline.opsPerSec / r.opsPerSec).toFixed(1)}× slower`} |` : '';
    console.log(`| ${r.name} | ${r.iterations} | ${r.opsPerSec.toFixed(1)} | ${r.meanMs.toFixed(2)} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} |${ratio}`);
  }
}
