/**
 * Template text left in a report (issue 10, item 6): the prompts the editor pre-fills for the officer to
 * write ("（请补充：…）", "（请…填写…）") and the blanks of templates found elsewhere ("【请…】", "XX件") are
 * errors naming the section and quoting what was left — in the editor, and in a published report read back.
 */
import { describe, expect, it } from 'vitest';
import { readReport, readReportText } from '../../../src/core/reader/read';
import { checkReport } from '../../../src/core/report/checks';
import { draftSections } from '../../../src/core/report/draft';
import { narrativeLines, type ReportSections } from '../../../src/core/report/layout';
import { checkNarrative } from '../../../src/core/report/narrative';
import { PROMPTS } from '../../../src/core/report/placeholders';
import { extractSource } from '../../../src/extract/index';
import { REPORT_FIXTURES, clone, expectedReport, fixtureBytes } from '../../helpers/fixtures';
import { layoutText } from '../../helpers/variants';

const report = expectedReport('jinjiang-health-2022');
const lines = (...texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));
const left = (found: ReturnType<typeof checkNarrative>) => found.filter((f) => f.rule === 'narrative.placeholder');
const ofSections = (sections: ReportSections) => left(checkNarrative(report, narrativeLines(sections)));

describe('the prompts the editor pre-fills', () => {
  it('each left in the draft is an error naming its section and quoting the prompt, at its line', () => {
    // the draft: 一 in five paragraphs (lines 1–5), 五 in two (lines 6–7), 六 in one (line 8)
    const found = ofSections(draftSections({ report }));
    expect(found.map((f) => [f.severity, f.where, f.message])).toEqual([
      ['error', 'line 4', '第一部分（总体情况）留有未填写的模板内容：“（请补充：公开审查、目录指南更新、网站和政务新媒体建设等工作情况。）”'],
      ['error', 'line 5', '第一部分（总体情况）留有未填写的模板内容：“（请补充：组织领导、制度建设、人员培训、考核评议等情况。）”'],
      ['error', 'line 6', '第五部分（存在的主要问题及改进情况）留有未填写的模板内容：“（请根据本年度工作实际填写。）”'],
      ['error', 'line 7', '第五部分（存在的主要问题及改进情况）留有未填写的模板内容：“（请填写针对上述问题的改进措施及落实情况。）”'],
    ]);
  });

  it('the check knows every prompt the draft writes (one list for both), and nothing is left once each is written', () => {
    const sections = draftSections({ report });
    const text = Object.values(sections).join('\n');
    // every bracketed request in the draft is one of the prompts
    const requests = [...text.matchAll(/（请[^）]*）/g)].map((m) => m[0]);
    expect(requests.sort()).toEqual(Object.values(PROMPTS).sort());
    // and each prompt alone, wherever it is, is flagged
    for (const prompt of Object.values(PROMPTS)) {
      expect(left(checkNarrative(report, lines(`本机关认真做好有关工作。${prompt}`))).map((f) => f.message), prompt).toEqual([`正文留有未填写的模板内容：“${prompt}”`]);
    }
    const written: ReportSections = {
      ...sections,
      overview: sections.overview!.replace(PROMPTS.platform, '落实信息发布保密审查制度。').replace(PROMPTS.oversight, '将政务公开纳入年度绩效考核。'),
      problems: sections.problems!.replace(PROMPTS.problems, '政策解读形式较为单一。').replace(PROMPTS.improvements, '推行图解、视频等解读形式。'),
    };
    expect(ofSections(written)).toEqual([]);
  });

  it('a prompt edited around, or with half-width brackets, is still found', () => {
    const found = left(checkNarrative(report, lines('（五）监督保障情况。(请补充：组织领导等情况)', '（一）存在的主要问题。（请 根据实际 填写）')));
    expect(found.map((f) => [f.where, f.message])).toEqual([
      ['line 1', '正文留有未填写的模板内容：“（请补充：组织领导等情况）”'],
      ['line 2', '正文留有未填写的模板内容：“（请根据实际填写）”'],
    ]);
  });
});

describe('blanks of other templates', () => {
  it('"【请…】" and "XX" blanks are errors, each quoted with its words', () => {
    const found = left(checkNarrative(report, lines('【请填写本机关名称】2022年政府信息公开工作年度报告', '本年度收到政府信息公开申请XX件，较上年增加××件。', '20XX年，本机关于X月X日印发通知。')));
    expect(found.map((f) => [f.where, f.message])).toEqual([
      ['line 1', '正文留有未填写的模板内容：“【请填写本机关名称】”'],
      ['line 2', '正文留有未填写的空白：“收到政府信息公开申请XX件”'],
      ['line 2', '正文留有未填写的空白：“较上年增加××件”'],
      ['line 3', '正文留有未填写的空白：“20XX年”'],
      ['line 3', '正文留有未填写的空白：“本机关于X月X日”'],
    ]);
  });

  it('leaves ordinary words alone: X射线, a request in brackets that is not a blank, 某某, an English word', () => {
    const text = lines(
      '本年度公开放射诊疗（X射线）许可决定12条。',
      '申请人可通过门户网站提交申请（请注明“政府信息公开申请”字样）。',
      '申请人王某某申请公开有关信息。',
      '依托XXL-JOB调度平台按时推送信息。',
    );
    expect(left(checkNarrative(report, text))).toEqual([]);
  });
});

describe('in a published report read back', () => {
  it('a prompt left in section 五 is an error of the reader naming that section', () => {
    const printed = clone(report);
    const text = layoutText(printed, 'tabs').replace('五、存在的主要问题及改进情况\n无。', `五、存在的主要问题及改进情况\n（一）存在的主要问题。${PROMPTS.problems}\n（二）改进情况。已落实。`);
    const r = readReportText(text);
    expect(r.report).not.toBeNull();
    const found = checkReport(r.report!, { narrative: r.narrative }).filter((f) => f.rule === 'narrative.placeholder');
    expect(found.map((f) => [f.severity, f.message])).toEqual([['error', '第五部分（存在的主要问题及改进情况）留有未填写的模板内容：“（请根据本年度工作实际填写。）”']]);
  });

  it('no false alarm on the nine real reports of the fixtures', async () => {
    expect(REPORT_FIXTURES).toHaveLength(9);
    for (const fixture of REPORT_FIXTURES) {
      const x = await extractSource(fixtureBytes(fixture));
      if (!x.ok) throw new Error(`${fixture.name}: ${x.message}`);
      const r = readReport(x.doc);
      expect(r.report, fixture.name).not.toBeNull();
      const found = checkReport(r.report!, { narrative: r.narrative }).filter((f) => f.rule === 'narrative.placeholder');
      expect(found, fixture.name).toEqual([]);
    }
  }, 60_000);
});
