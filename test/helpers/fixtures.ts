/** The real published reports of ../shared/fixtures/reports, with their hand-checked data. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/core/report/model';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RELATIVE = path.join('..', 'shared', 'fixtures', 'reports');

/**
 * Where the fixtures are: GONGKAI_FIXTURES if set; else ../shared beside this checkout; else ../shared beside
 * the repository this one was cloned from (a clone made in a temporary folder, as CI's clean-clone run does).
 */
function fixtureDir(): string {
  const candidates = [process.env.GONGKAI_FIXTURES, path.resolve(ROOT, RELATIVE)];
  try {
    const origin = execFileSync('git', ['-C', ROOT, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const local = origin.startsWith('file://') ? fileURLToPath(origin) : origin;
    if (path.isAbsolute(local)) candidates.push(path.resolve(local, RELATIVE));
  } catch {
    // not a git checkout, or no origin
  }
  const found = candidates.find((d): d is string => Boolean(d) && existsSync(path.join(d!, 'fuqing-health-2020.txt')));
  if (!found) throw new Error(`找不到测试样本（fixtures）：已查找 ${candidates.filter(Boolean).join('、')}；可用 GONGKAI_FIXTURES 指定目录`);
  return found;
}

export const FIXTURE_DIR = fixtureDir();

export const TEXT_FIXTURES = ['fuqing-health-2020', 'jinjiang-health-2022'] as const;
export const ALL_FIXTURES = [...TEXT_FIXTURES, 'hongze-district-2024'] as const;

/** Every real report of the fixture folder (its README), with the file it is read from. */
export const REPORT_FIXTURES = [
  { name: 'fuqing-health-2020', ext: 'txt' },
  { name: 'jinjiang-health-2022', ext: 'txt' },
  { name: 'hongze-district-2024', ext: 'pdf' },
  { name: 'shuyang-fgj-2023', ext: 'html' },
  { name: 'pingtan-2023', ext: 'html' },
  { name: 'pingtan-2019', ext: 'html' },
  { name: 'pingtan-jtj-2020', ext: 'txt' },
  { name: 'pingtan-czj-2024', ext: 'html' },
  { name: 'shanghai-stcsm-2024-markdown', ext: 'txt' },
] as const;
export type ReportFixtureName = (typeof REPORT_FIXTURES)[number]['name'];
export type FixtureName = (typeof ALL_FIXTURES)[number] | ReportFixtureName;

export function fixturePath(name: FixtureName, ext: 'txt' | 'pdf' | 'html' | 'expected.json'): string {
  return path.join(FIXTURE_DIR, `${name}.${ext}`);
}

/** The bytes of a fixture report, as published. */
export function fixtureBytes(fixture: (typeof REPORT_FIXTURES)[number]): Buffer {
  return readFileSync(fixturePath(fixture.name, fixture.ext));
}

export function fixtureText(name: (typeof TEXT_FIXTURES)[number]): string {
  return readFileSync(fixturePath(name, 'txt'), 'utf8');
}

export function expectedReport(name: FixtureName): Report {
  return JSON.parse(readFileSync(fixturePath(name, 'expected.json'), 'utf8')) as Report;
}

export function clone<T>(x: T): T {
  return structuredClone(x);
}

/** The path of every figure of the report's three tables (二、三、四), in the model's order. */
export function cellPaths(report: Report): string[] {
  const out: string[] = [];
  const walk = (x: unknown, at: string) => {
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, at ? `${at}.${k}` : k);
    else out.push(at);
  };
  walk({ proactive: report.proactive, applications: report.applications, reviewLitigation: report.reviewLitigation }, '');
  return out;
}
