/**
 * The demo city on disk: each report in the formats asked for, one folder per year
 * (`2021/示范市教育局2021年政府信息公开工作年度报告.docx`), and manifest.json saying what each file holds and what
 * mistake was planted in it — the answer key for tests, the benchmark and the console's demo.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reportTitle } from '../core/report/layout';
import type { Report } from '../core/report/model';
import { reportDocx } from '../render/docx';
import { reportHtml } from '../render/html';
import { generateCity, type City, type CityOptions, type ExpectedFinding, type Plant } from './city';
import { reportPdf } from './pdf';
import { reportText } from './text';

export const DEMO_FORMATS = ['txt', 'docx', 'pdf', 'html'] as const;
export type DemoFormat = (typeof DEMO_FORMATS)[number];

export interface ManifestReport {
  agency: string;
  year: number;
  format: Report['format'];
  /** files of this report, by format, relative to the manifest's folder */
  files: Partial<Record<DemoFormat, string>>;
  /** the report as printed: what reading any of its files must give */
  report: Report;
  plant: Plant | null;
}

/** One planted mistake in one file. */
export interface ManifestPlant extends ExpectedFinding {
  file: string;
  kind: Plant['kind'];
  description: string;
}

export interface Manifest {
  city: string;
  seed: number;
  years: number[];
  formats: DemoFormat[];
  agencies: string[];
  reports: ManifestReport[];
  /** every finding the planted mistakes must give, file by file (and no other error anywhere) */
  plants: ManifestPlant[];
}

export interface WriteOptions extends CityOptions {
  formats?: DemoFormat[];
  /** called after each report's files are written */
  onReport?: (done: number, total: number) => void;
}

export function fileNameOf(r: { agency: string; year: number }, format: DemoFormat): string {
  return path.join(String(r.year), `${reportTitle(r)}.${format}`);
}

export async function renderReport(r: City['reports'][number], format: DemoFormat): Promise<Buffer> {
  const opts = { signatureDate: r.signatureDate };
  switch (format) {
    case 'txt':
      return Buffer.from(reportText(r.report, r.sections, opts));
    case 'html':
      return Buffer.from(reportHtml(r.report, r.sections, opts));
    case 'docx':
      return reportDocx(r.report, r.sections, opts);
    case 'pdf':
      return reportPdf(r.report, r.sections, opts);
  }
}

export async function writeCity(out: string, options: WriteOptions = {}): Promise<Manifest> {
  const formats = options.formats ?? [...DEMO_FORMATS];
  const city = generateCity(options);
  const manifest: Manifest = { city: '示范市', seed: city.seed, years: city.years, formats, agencies: city.agencies, reports: [], plants: [] };
  for (const year of city.years) await mkdir(path.join(out, String(year)), { recursive: true });
  let done = 0;
  for (const r of city.reports) {
    const files: ManifestReport['files'] = {};
    for (const format of formats) {
      const name = fileNameOf(r, format);
      await writeFile(path.join(out, name), await renderReport(r, format));
      files[format] = name;
      for (const f of r.plant?.findings ?? []) manifest.plants.push({ file: name, kind: r.plant!.kind, description: r.plant!.description, ...f });
    }
    manifest.reports.push({ agency: r.agency, year: r.year, format: r.report.format, files, report: r.report, plant: r.plant });
    options.onReport?.(++done, city.reports.length);
  }
  await writeFile(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
