/**
 * The demo city: a small one (the government and 6 departments × 2020–2021, so both template versions) written in
 * every format, every file read back by the report reader and checked. Each clean report reads exactly to the
 * generated model with no finding at all; each planted mistake is found by its rule at its place; nothing else is.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compact } from '../../src/core/normalize';
import { generateCity, PLANT_KINDS } from '../../src/demo/city';
import { writeCity, type Manifest } from '../../src/demo/write';
import { checkResults, readReportFile, type ReadFileResult } from '../../src/services/report-files';

describe('the generator (pure)', () => {
  it('a city of the government and its departments, with the names agencies have', () => {
    const city = generateCity({ agencies: 40, years: [2020, 2021, 2022] });
    expect(city.agencies).toHaveLength(41);
    expect(city.agencies[0]).toBe('示范市人民政府');
    expect(city.agencies).toContain('示范市发展和改革委员会');
    expect(city.agencies).toContain('示范市教育局');
    expect(new Set(city.agencies).size).toBe(41);
    expect(city.reports).toHaveLength(123);
    // the template version of each year (2019 format up to 2020), except where a wrong one was planted
    for (const r of city.reports.filter((x) => x.plant?.kind !== 'format')) expect(r.report.format).toBe(r.year <= 2020 ? '2019' : '2021');
    // every kind of planted mistake, in about a fifth of the reports
    expect(new Set(city.reports.map((r) => r.plant?.kind).filter(Boolean))).toEqual(new Set(PLANT_KINDS));
    const planted = city.reports.filter((r) => r.plant).length;
    expect(planted).toBeGreaterThanOrEqual(20);
    expect(planted).toBeLessThanOrEqual(30);
  });

  it('is seeded: the same seed gives the same city, another seed another', () => {
    const a = generateCity({ agencies: 5, years: [2021, 2022], seed: 7 });
    const b = generateCity({ agencies: 5, years: [2021, 2022], seed: 7 });
    const c = generateCity({ agencies: 5, years: [2021, 2022], seed: 8 });
    expect(b).toEqual(a);
    expect(c.reports.map((r) => r.report)).not.toEqual(a.reports.map((r) => r.report));
  });

  it('consecutive years agree: 上年结转 is last year\'s 结转下年度 (but where a carry-over mistake is planted)', () => {
    const city = generateCity({ agencies: 40, years: [2020, 2021, 2022] });
    let compared = 0;
    for (const r of city.reports) {
      const prev = city.reports.find((p) => p.agency === r.agency && p.year === r.year - 1);
      if (!prev || r.plant?.kind === 'carryOver') continue;
      expect(r.report.applications.carriedOver, `${r.agency} ${r.year}`).toEqual(prev.report.applications.carriedForward);
      compared++;
    }
    expect(compared).toBeGreaterThan(70);
  });

  it('refuses years that do not follow each other, and more departments than it has', () => {
    expect(() => generateCity({ years: [2020, 2022] })).toThrow('年度应为连续的年份');
    expect(() => generateCity({ agencies: 41 })).toThrow('部门数量应为 0 至 40');
  });
});

describe('a small city in every format, read back and checked', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-city-'));
  let manifest: Manifest;
  let results: Map<string, ReadFileResult>;

  beforeAll(async () => {
    manifest = await writeCity(dir, { agencies: 6, years: [2020, 2021], seed: 3 });
    const files = manifest.reports.flatMap((r) => Object.values(r.files));
    const read = await Promise.all(files.map((f) => readReportFile(f, readFileSync(path.join(dir, f)))));
    results = new Map(checkResults(read).map((r) => [r.file, r]));
  }, 180_000);

  it('wrote 7 agencies × 2 years × 4 formats, and the manifest on disk', () => {
    expect(manifest.reports).toHaveLength(14);
    expect(results.size).toBe(56);
    expect(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect(new Set(manifest.reports.map((r) => r.format))).toEqual(new Set(['2019', '2021']));
    expect(new Set(manifest.reports.map((r) => r.plant?.kind).filter(Boolean))).toEqual(new Set(PLANT_KINDS));
  });

  it('every file reads exactly to the report it was made from', () => {
    for (const r of manifest.reports) {
      for (const file of Object.values(r.files)) expect(results.get(file)!.report, file).toEqual(r.report);
    }
  });

  it('a clean report gives no finding at all', () => {
    const clean = manifest.reports.filter((r) => !r.plant);
    expect(clean.length).toBe(8);
    for (const r of clean) for (const file of Object.values(r.files)) expect(results.get(file)!.findings, file).toEqual([]);
  });

  it('each planted mistake is found by its rule at its place, and nothing else', () => {
    for (const r of manifest.reports.filter((x) => x.plant)) {
      for (const file of Object.values(r.files)) {
        const result = results.get(file)!;
        const found = result.findings.map((f) => {
          if (!/^line \d+$/.test(f.where)) return { rule: f.rule, severity: f.severity, where: f.where };
          // a sentence: the finding names its line of the file; the planted words are on it
          const line = result.narrative.find((l) => `line ${l.line}` === f.where);
          const planted = r.plant!.findings.find((p) => p.text && line && compact(line.text).includes(compact(p.text)));
          return { rule: f.rule, severity: f.severity, where: planted ? 'narrative' : f.where };
        });
        expect(found, `${file}: ${r.plant!.description}`).toEqual(r.plant!.findings.map(({ rule, severity, where }) => ({ rule, severity, where })));
      }
    }
    // the flat list of the manifest: one entry per file and expected finding
    const expected = manifest.reports.reduce((n, r) => n + (r.plant?.findings.length ?? 0) * 4, 0);
    expect(manifest.plants).toHaveLength(expected);
  });
});
