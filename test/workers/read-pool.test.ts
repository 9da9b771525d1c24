/**
 * The read pool with real worker threads: a file that costs its worker is answered as `file.unreadable`, and
 * the pool goes on reading the next file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readReportFile } from '../../src/services/report-files';
import { checkReport, checkReportAlone } from '../../src/core/report/checks';
import { ReadPool } from '../../src/workers/read-pool';
import { expectedReport, fixturePath } from '../helpers/fixtures';

const fuqing = fixturePath('fuqing-health-2020', 'txt');

/** A page that needs far more heap than it has bytes: a million empty elements (7 MB) make a million DOM nodes. */
function heapHeavyPage(): Buffer {
  return Buffer.from(`<html><body>${'<i></i>'.repeat(1_000_000)}</body></html>`);
}

const unreadable = (file: string, why: string) => ({
  file,
  report: null,
  findings: [{ rule: 'file.unreadable', severity: 'error', message: `文件损坏或过于复杂，无法读取：${why}`, where: file }],
  narrative: [],
});

describe('ReadPool', () => {
  const pools: ReadPool[] = [];
  const pool = (o: ConstructorParameters<typeof ReadPool>[0]) => {
    const p = new ReadPool(o);
    pools.push(p);
    return p;
  };
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('reads a report in a worker exactly as the main thread does, from a path or from bytes', async () => {
    const p = pool({ threads: 2 });
    const [fromPath, fromBytes] = await Promise.all([p.read(fuqing), p.read('上传.txt', (await import('node:fs')).readFileSync(fuqing))]);
    expect(fromPath).toEqual(await readReportFile(fuqing));
    expect(fromPath.report).toEqual(expectedReport('fuqing-health-2020'));
    expect(fromBytes.file).toBe('上传.txt');
    expect(fromBytes.report).toEqual(expectedReport('fuqing-health-2020'));
  });

  it('with `check`, runs the checks that need no other report in the worker, as checkReport would', async () => {
    const [plain, checked] = await Promise.all([pool({ threads: 1 }).read(fuqing), pool({ threads: 1, check: true }).read(fuqing)]);
    expect(plain.ownChecks).toBeUndefined();
    const report = expectedReport('fuqing-health-2020');
    const alone = checkReportAlone(report, checked.narrative);
    expect(checked.ownChecks).toEqual(alone);
    expect([...alone.tables, ...alone.narrative]).toEqual(checkReport(report, { narrative: checked.narrative }));
  });

  it('a file past the time limit costs its worker and is answered as unreadable', async () => {
    const p = pool({ threads: 1, timeoutMs: 1 });
    expect(await p.read(fuqing)).toEqual(unreadable(fuqing, '读取超过 0.001 秒'));
  });

  it('a file that exhausts the worker heap is answered as unreadable; the next file is read by a new worker', async () => {
    const p = pool({ threads: 1, maxOldGenerationSizeMb: 64 });
    expect(await p.read('heavy.html', heapHeavyPage())).toEqual(unreadable('heavy.html', '读取所需内存超过 64 MB'));
    expect((await p.read(fuqing)).report).toEqual(expectedReport('fuqing-health-2020'));
  });

  it('the memory watchdog ends readers that grow the process past its ceiling, retries each alone once, then gives up', async () => {
    // a ceiling of 1 MB of growth: starting a worker alone goes past it, so every attempt is ended
    const p = pool({ threads: 2, maxRssGrowthMb: 1 });
    const results = await Promise.all([p.read(fuqing), p.read('b.txt', Buffer.from('第二个文件'))]);
    expect(results).toEqual([unreadable(fuqing, '读取占用的内存超过 1 MB'), unreadable('b.txt', '读取占用的内存超过 1 MB')]);
  });

  it('after close, files are refused without a worker', async () => {
    const p = pool({ threads: 1 });
    await p.close();
    expect(await p.read(fuqing)).toEqual(unreadable(fuqing, '读取已停止'));
    expect(p.size).toBe(0);
  });
});
