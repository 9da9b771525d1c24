import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../src/extract/index';
import { readReport } from '../../src/core/reader/read';
import { readReportFile } from '../../src/services/report-files';
import { reportHtml } from '../../src/render/html';
import { reportDocx } from '../../src/render/docx';
import { reportTables } from '../../src/core/report/layout';
import { tableHtml } from '../../src/render/html';
import { ALL_FIXTURES, expectedReport, fixturePath, fixtureText } from '../helpers/fixtures';
import { seededRandom } from '../../src/core/random';

async function read(buf: Uint8Array) {
  const x = await extractSource(buf);
  if (!x.ok) throw new Error(x.message);
  return { kind: x.kind, ...readReport(x.doc) };
}

describe('PDF', () => {
  it('Hongze 2024 (a real PDF: vertical headers, wrapped labels, scrambled table 四) reads exactly', async () => {
    const r = await read(readFileSync(fixturePath('hongze-district-2024', 'pdf')));
    expect(r.kind).toBe('pdf');
    expect(r.report).toEqual(expectedReport('hongze-district-2024'));
    expect(r.findings).toEqual([]);
  });

  it('page numbers are not read as figures and the prose is kept for the text checks', async () => {
    const r = await read(readFileSync(fixturePath('hongze-district-2024', 'pdf')));
    const prose = r.narrative.map((l) => l.text).join('');
    expect(prose).toContain('受理政府');
    expect(prose).not.toMatch(/- \d -/);
  });

  it('a truncated PDF is refused with a message, not a crash', async () => {
    const buf = readFileSync(fixturePath('hongze-district-2024', 'pdf')).subarray(0, 5000);
    const r = await readReportFile('truncated.pdf', buf);
    expect(r.report).toBeNull();
    expect(r.findings[0].rule).toBe('read.file');
    expect(r.findings[0].message).toMatch(/^PDF 文件无法解析/);
  });
});

describe('HTML and Word are read through their table cells', () => {
  for (const name of ALL_FIXTURES) {
    it(`${name} as a web page`, async () => {
      const r = await read(Buffer.from(reportHtml(expectedReport(name), { overview: '本机关认真贯彻落实条例。' })));
      expect(r.kind).toBe('html');
      expect(r.report).toEqual(expectedReport(name));
      expect(r.findings).toEqual([]);
    });

    it(`${name} as a Word document`, async () => {
      const r = await read(await reportDocx(expectedReport(name), { overview: '本机关认真贯彻落实条例。' }));
      expect(r.kind).toBe('docx');
      expect(r.report).toEqual(expectedReport(name));
      expect(r.findings).toEqual([]);
    });
  }

  it('an empty table cell is a real blank: read as 0 where the totals agree', async () => {
    const report = expectedReport('hongze-district-2024');
    const html = reportHtml(report).replace(/(<td data-path="applications\.withheld\.stateSecret\[3\]">)0(<\/td>)/, '$1$2');
    const r = await read(Buffer.from(html));
    expect(r.report).toEqual(report);
    expect(r.findings.map((f) => f.rule)).toEqual(['read.blankAsZero']);
  });

  it('a page that lays out the report inside a layout table, in GBK with a meta charset', async () => {
    const report = expectedReport('jinjiang-health-2022');
    const inner = reportTables(report).map(tableHtml).join('\n<p>说明</p>\n');
    const html = `<html><head><meta charset="gbk"><title>晋江市卫生健康局2022年政府信息公开工作年度报告</title></head><body>
      <table><tr><td><h1>晋江市卫生健康局2022年政府信息公开工作年度报告</h1></td></tr><tr><td>${inner}</td></tr></table></body></html>`;
    const r = await read(iconv.encode(html, 'gbk'));
    expect(r.report).toEqual(report);
  });

  it('a web page without a report is refused', async () => {
    const r = await read(Buffer.from('<html><body><h1>通知公告</h1><table><tr><td>标题</td><td>日期</td></tr><tr><td>关于开展检查的通知</td><td>2024-03-01</td></tr></table></body></html>'));
    expect(r.report).toBeNull();
    expect(r.findings.map((f) => f.rule)).toEqual(['read.notReport']);
  });
});

describe('plain text in other encodings', () => {
  it.each(['gb18030', 'gbk', 'utf16le'] as const)('Fuqing in %s', async (enc) => {
    const text = fixtureText('fuqing-health-2020');
    const buf = enc === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]) : iconv.encode(text, enc);
    const r = await readReportFile(`fuqing.${enc}.txt`, buf);
    expect(r.report).toEqual(expectedReport('fuqing-health-2020'));
    if (enc !== 'utf16le') expect(r.findings[0]).toMatchObject({ rule: 'read.encoding', severity: 'info' });
  });

  it('UTF-8 with a BOM', async () => {
    const r = await readReportFile('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixtureText('jinjiang-health-2022'))]));
    expect(r.report).toEqual(expectedReport('jinjiang-health-2022'));
  });
});

describe('garbage in: a clear refusal, never a crash or a made-up number', () => {
  it('an empty file', async () => {
    const r = await readReportFile('empty.txt', new Uint8Array());
    expect(r).toMatchObject({ report: null, findings: [{ rule: 'read.file', severity: 'error', message: '文件为空' }] });
  });

  it('a file that does not exist', async () => {
    const r = await readReportFile('/nonexistent/report.txt');
    expect(r.findings[0].message).toBe('无法打开文件：文件不存在');
  });

  it('10 MB of random bytes', async () => {
    const random = seededRandom(7);
    const buf = new Uint8Array(10 * 1024 * 1024);
    for (let i = 0; i < buf.length; i++) buf[i] = Math.floor(random() * 256);
    const r = await readReportFile('noise.bin', buf);
    expect(r.report).toBeNull();
    expect(r.findings[0].message).toBe('不是文本文件，也不是 PDF、Word（.docx）或网页文件');
  });

  it('10 MB of random Chinese text, numbers and tabs', async () => {
    const random = seededRandom(11);
    const words = ['规章', '申请', '总计', '行政复议', '0', '12', '\t', '\n', '本年新收', '结果维持', '一、', '（三）', '予以公开', '年度报告'];
    const parts: string[] = [];
    let size = 0;
    while (size < 10 * 1024 * 1024) {
      const w = words[Math.floor(random() * words.length)];
      parts.push(w);
      size += Buffer.byteLength(w);
    }
    const r = await readReportFile('noise.txt', Buffer.from(parts.join('')));
    // whatever is found, every figure read is printed in the noise (0 or 12) or was flagged
    if (r.report) {
      for (const row of [r.report.applications.received, r.report.applications.total]) {
        for (const v of row) expect(v === null || v === 0 || v === 12 || r.findings.some((f) => f.rule.startsWith('read.'))).toBe(true);
      }
    } else {
      expect(r.findings[0].rule).toBe('read.notReport');
    }
  });

  it('a report of another kind (a government work report)', async () => {
    const text = '2024年政府工作报告\n各位代表：\n一、2024年工作回顾\n全市地区生产总值完成3812亿元，增长5.2%。\n二、2025年工作安排\n';
    const r = await readReportFile('work-report.txt', Buffer.from(text));
    expect(r.report).toBeNull();
    expect(r.findings.map((f) => f.rule)).toEqual(['read.notReport']);
  });

  it('an old Word (.doc) file is refused with advice', async () => {
    const r = await readReportFile('old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(r.findings[0].message).toContain('请另存为 .docx 或 PDF');
  });

  it('a zip that is not a Word document', async () => {
    const r = await readReportFile('fake.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(r.report).toBeNull();
    expect(r.findings[0].message).toMatch(/^不是可读取的 Word（\.docx）文件/);
  });

  it('every prefix of a fixture reads without throwing', () => {
    const text = fixtureText('jinjiang-health-2022');
    for (let cut = 0; cut <= text.length; cut += 97) {
      const x = readReport({ lines: text.slice(0, cut).split('\n').map((l) => ({ cells: l.split('\t') })), structured: false });
      expect(Array.isArray(x.findings)).toBe(true);
    }
  });
});
