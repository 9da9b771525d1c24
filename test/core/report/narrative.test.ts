import { describe, expect, it } from 'vitest';
import { checkNarrative } from '../../../src/core/report/narrative';
import { expectedReport } from '../../helpers/fixtures';

const lines = (...texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));
const fuqing = expectedReport('fuqing-health-2020'); // received 3, year 2020
const jinjiang = expectedReport('jinjiang-health-2022'); // received 2, licensing 1851, punishment 202
const hongze = expectedReport('hongze-district-2024'); // received 95; 复议 2, 诉讼 1 + 3

describe('narrative: applications received', () => {
  it('agrees with table 三 (Fuqing and Jinjiang wording)', () => {
    expect(checkNarrative(fuqing, lines('2020 年，我局受理政府信息公开申请 3 件，历年累计受理政府信息公开申请 9 件。'))).toEqual([]);
    expect(checkNarrative(jinjiang, lines('2022年共收到申请公开的信息数2件，全部按时答复。'))).toEqual([]);
  });

  it('a different number is an error naming the sentence and the line (Hongze: 17 vs 95)', () => {
    const found = checkNarrative(hongze, lines('标题', '2024 年，区政府办代表区政府受理政府信息', '公开申请 17 件，均已在法定期限内予以答复。'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'narrative.received', severity: 'error', where: 'line 2' });
    expect(found[0].message).toBe('正文“区政府办代表区政府受理政府信息公开申请17件”称 17，表三 一、本年新收政府信息公开申请数量，总计列为 95');
  });

  it('a closing bracket after the previous full stop is not part of the next sentence (the quote is the sentence)', () => {
    const found = checkNarrative(hongze, lines('（五）监督保障情况。（请补充：组织领导、人员培训等情况。）', '本年度共收到政府信息公开申请999件。')).filter((f) => f.rule !== 'narrative.placeholder');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'narrative.received', where: 'line 2' });
    expect(found[0].message).toBe('正文“本年度共收到政府信息公开申请999件”称 999，表三 一、本年新收政府信息公开申请数量，总计列为 95');
  });

  it('leaves cumulative figures, other years and other kinds of applications alone', () => {
    const text = lines(
      '历年累计受理政府信息公开申请 9 件。',
      '2019年受理政府信息公开申请7件。',
      '较上年收到政府信息公开申请增加5件。',
      '全年受理行政许可申请1200件，受理行政复议申请2件。',
    );
    expect(checkNarrative(fuqing, text)).toEqual([]);
  });

  it('accepts received + carried over as "受理" when the report counts both', () => {
    const r = structuredClone(hongze);
    r.applications.carriedOver = [2, 0, 0, 0, 0, 0, 2];
    expect(checkNarrative(r, lines('本年度共受理政府信息公开申请97件（含上年结转2件）。'))).toEqual([]);
  });
});

describe('narrative: outcomes, table 二 items, table 四 cases', () => {
  it('Jinjiang\'s outcome list agrees with table 三', () => {
    const text = lines('“区分处理后公开数”0件，“不予公开答复数”0件，“无法提供数”0件，“不予处理数”0件，“申请后自动放弃数”0件。');
    expect(checkNarrative(jinjiang, text)).toEqual([]);
  });

  it('an outcome count that differs is an error', () => {
    const found = checkNarrative(hongze, lines('其中予以公开52件，部分公开9件，不予公开3件，无法提供32件。'));
    expect(found.map((f) => f.message)).toEqual([
      '正文“其中予以公开52件”称 52，表三 三、（一）予以公开，总计列为 50',
    ]);
  });

  it('table 二 decisions stated in the text: 条/件 are decisions, 项 are kinds of power', () => {
    expect(checkNarrative(jinjiang, lines('主动公开的政府信息中行政许可1851条、行政处罚202条。我局行政职权事项341项，其中行政许可16项。'))).toEqual([]);
    const found = checkNarrative(jinjiang, lines('主动公开行政许可1852条、行政处罚202条。'));
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['narrative.proactiveItems', 'error']]);
    expect(found[0].message).toContain('表二 第二十条第（五）项 行政许可，本年处理决定数量为 1851');
  });

  it('review and litigation counts against table 四', () => {
    expect(checkNarrative(hongze, lines('全年发生政府信息公开行政复议2件、行政诉讼4件。'))).toEqual([]);
    const found = checkNarrative(hongze, lines('全年发生政府信息公开行政复议3件。'));
    expect(found.map((f) => f.rule)).toEqual(['narrative.reviewLitigation']);
  });
});

describe('narrative: shares and stated totals', () => {
  it('Fuqing\'s shares are right (68.3%, 7.7%, 23.9% of 142)', () => {
    const text = lines(
      '在主动公开的 142 条信息中，办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果类信息 97 条，占 68.3%；扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况类信息 11 条，占 7.7%；法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息 34 条，占 23.9%。',
    );
    expect(checkNarrative(fuqing, text)).toEqual([]);
  });

  it('a wrong share is an error with the right figure', () => {
    const found = checkNarrative(fuqing, lines('在主动公开的 142 条信息中，A类信息 97 条，占 63.8%；B类信息 45 条，占 31.7%。'));
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('97/142 应约为 68.3%，实为 63.8%')]);
  });

  it('parts adding up to more than the whole', () => {
    const found = checkNarrative(fuqing, lines('共收到申请 10 件，其中自然人 8 件，占 80%；法人 4 件，占 40%。'));
    expect(found.map((f) => f.rule)).toEqual(['narrative.partsExceedWhole']);
  });

  it('truncated shares are accepted (2/3 printed 66.6%)', () => {
    expect(checkNarrative(fuqing, lines('共3件，其中2件，占66.6%。'))).toEqual([]);
  });

  it('shares without a stated whole are not guessed (Jinjiang "即办件数59项，即办占比80.82%")', () => {
    expect(checkNarrative(jinjiang, lines('减材料51项，平均材料数3.62；即办件数59项，即办占比80.82%。'))).toEqual([]);
  });

  it('the same total stated twice with two values is a warning', () => {
    const found = checkNarrative(fuqing, lines('2020年我局主动公开政府信息142条。', '在主动公开的140条信息中，A类信息70条，占50%。'));
    expect(found.map((f) => [f.rule, f.severity, f.where])).toEqual([['narrative.statedTotals', 'warning', 'line 2']]);
  });
});

describe('narrative: what the draft leaves to write (more in placeholders.test.ts)', () => {
  it('flags each prompt of the draft left in the text as an error, and nothing once written', async () => {
    const { draftSections } = await import('../../../src/core/report/draft');
    const { narrativeLines } = await import('../../../src/core/report/layout');
    const report = expectedReport('jinjiang-health-2022');
    const sections = draftSections({ report });
    const left = checkNarrative(report, narrativeLines(sections)).filter((f) => f.rule === 'narrative.placeholder');
    // 一（四）、一（五）, 五（一）、五（二）
    expect(left.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error']);
    expect(left[0].message).toContain('公开审查、目录指南更新');
    expect(left[0].where).toMatch(/^line \d+$/);
    const written = {
      ...sections,
      overview: sections.overview!.replace(/（请补充：[^）]*）/g, '已按要求落实。'),
      problems: sections.problems!.replace(/（请[^）]*填写[^）]*）/g, '已按要求落实。'),
    };
    expect(checkNarrative(report, narrativeLines(written)).filter((f) => f.rule === 'narrative.placeholder')).toEqual([]);
  });
});
