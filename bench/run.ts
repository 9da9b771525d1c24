export {};
/**
 * `npm run bench [-- name…]`: run the benchmarks (all by default) and print their figures.
 */
const suites: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  reader: () => import('./reader'),
  intake: () => import('./intake'),
  report: () => import('./report'),
  check: () => import('./check'),
  ocr: () => import('./ocr'),
  start: () => import('./start'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(suites);
console.log(`# Gongkai benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const name of names) {
  const load = suites[name];
  if (!load) {
    console.error(`未知的基准测试 unknown benchmark: ${name}（可选 / available: ${Object.keys(suites).join(', ')}）`);
    process.exitCode = 2;
    continue;
  }
  await (await load()).run();
}
