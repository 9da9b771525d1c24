/**
 * The 国务院办公厅 holiday notice as published, pasted and read into the calendar's entries. The notices of
 * 2024, 2025 and 2026 are checked day by day against chinese-days (an independent source: the package data
 * generated from the same notices), and by hand for a few days; then what must stop the administrator:
 * a weekday that is not the date's, a 共N天 that is not the range, a 调休上班日 on a weekday, the notice of
 * another year.
 */
import { describe, expect, it } from 'vitest';
import packageData from 'chinese-days/dist/chinese-days.json';
import { parseHolidayNotice } from '../../../src/core/clock/holiday-notice';

const PKG = packageData as { holidays: Record<string, string>; workdays: Record<string, string> };
const ofYear = (map: Record<string, string>, year: number) => Object.keys(map).filter((d) => d.startsWith(`${year}-`)).sort();

/** 国办发明电〔2025〕7号, as published on 2025-11-04 (full-width punctuation, one item a paragraph). */
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日`;

/** 国办发明电〔2024〕12号, as a news site reprints it: half-width punctuation, everything on one line. */
const NOTICE_2025 =
  '国务院办公厅关于2025年部分节假日安排的通知 经国务院批准,现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。' +
  '一、元旦:1月1日(周三)放假1天,不调休。' +
  '二、春节:1月28日(农历除夕、周二)至2月4日(农历正月初七、周二)放假调休,共8天。1月26日(周日)、2月8日(周六)上班。' +
  '三、清明节:4月4日(周五)至6日(周日)放假,共3天。' +
  '四、劳动节:5月1日(周四)至5日(周一)放假调休,共5天。4月27日(周日)上班。' +
  '五、端午节:5月31日(周六)至6月2日(周一)放假,共3天。' +
  '六、国庆节、中秋节:10月1日(周三)至8日(周三)放假调休,共8天。9月28日(周日)、10月11日(周六)上班。';

/** 国办发明电〔2023〕7号: 星期 instead of 周, days with no count, and a day only suggested as a rest day (除夕). */
const NOTICE_2024 = `关于2024年部分节假日安排的通知
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。`;

describe('the State Council holiday notice, pasted as published', () => {
  for (const [year, text] of [
    [2024, NOTICE_2024],
    [2025, NOTICE_2025],
    [2026, NOTICE_2026],
  ] as const) {
    it(`${year}: every day off and every make-up working day is chinese-days' for that year`, () => {
      const n = parseHolidayNotice(text);
      expect(n.problems).toEqual([]);
      expect(n.year).toBe(year);
      expect(n.entries.filter((e) => e.kind === 'holiday').map((e) => e.date)).toEqual(ofYear(PKG.holidays, year));
      expect(n.entries.filter((e) => e.kind === 'workday').map((e) => e.date)).toEqual(ofYear(PKG.workdays, year));
    });
  }

  it('2026 by hand: the festivals, their days and the notice number', () => {
    const n = parseHolidayNotice(NOTICE_2026);
    expect(n.source).toBe('国办发明电〔2025〕7号');
    expect(n.festivals.map((f) => [f.name, f.holidays.length, f.statedDays, f.workdays])).toEqual([
      ['元旦', 3, 3, ['2026-01-04']],
      ['春节', 9, 9, ['2026-02-14', '2026-02-28']],
      ['清明节', 3, 3, []],
      ['劳动节', 5, 5, ['2026-05-09']],
      ['端午节', 3, 3, []],
      ['中秋节', 3, 3, []],
      ['国庆节', 7, 7, ['2026-09-20', '2026-10-10']],
    ]);
    // 2月15日 … 23日: the month carried over to "23日"
    expect(n.festivals[1].holidays).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect(n.entries.find((e) => e.date === '2026-02-28')).toEqual({ date: '2026-02-28', kind: 'workday', name: '春节' });
    // 33 days off (3+9+3+5+3+3+7), 6 working weekend days
    expect(n.entries.filter((e) => e.kind === 'holiday')).toHaveLength(33);
    expect(n.entries.filter((e) => e.kind === 'workday')).toHaveLength(6);
    // the closing paragraph and the signature's date are not read as an item's days
    expect(n.notes).toEqual([]);
  });

  it('2025 by hand: 放假1天 is a count; 国庆节、中秋节 is one item of 8 days across the month', () => {
    const n = parseHolidayNotice(NOTICE_2025);
    expect(n.festivals[0]).toMatchObject({ name: '元旦', holidays: ['2025-01-01'], statedDays: 1, workdays: [] });
    expect(n.festivals[1].holidays[0]).toBe('2025-01-28');
    expect(n.festivals[1].holidays.at(-1)).toBe('2025-02-04');
    expect(n.festivals[5]).toMatchObject({ name: '国庆节、中秋节', statedDays: 8, workdays: ['2025-09-28', '2025-10-11'] });
    expect(n.festivals[5].holidays).toHaveLength(8);
    expect(n.source).toBeNull();
  });

  it('2024: the 除夕 only suggested as a rest day is a note, not a holiday', () => {
    const n = parseHolidayNotice(NOTICE_2024);
    expect(n.entries.some((e) => e.date === '2024-02-09')).toBe(false);
    expect(n.notes).toHaveLength(1);
    expect(n.notes[0]).toMatch(/^二、春节：“鼓励各单位.*除夕\(2月9日\)休息”未作为放假或上班日期录入$/);
  });

  it('the year comes from the form when the pasted items alone do not say it', () => {
    const items = '一、元旦：1月1日（周五）放假1天，不调休。';
    expect(parseHolidayNotice(items).problems).toEqual(['未能从通知中读出年份（如“关于2027年部分节假日安排的通知”），请先填写年份']);
    // 2027-01-01 is a Friday
    expect(parseHolidayNotice(items, 2027)).toMatchObject({ year: 2027, problems: [], entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
  });

  it("a weekday that is not the date's stops it: 2026's Spring Festival pasted as 2027's", () => {
    // the dates of 2026's notice: in 2027, 2月15日 is a Monday and 2月14日 a Sunday
    const n = parseHolidayNotice('一、元旦：1月1日（周五）放假1天，不调休。二、春节：2月15日（周日）至2月23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。', 2027);
    expect(n.problems).toEqual([
      '二、春节：2月15日注明为周日，但 2027-02-15 是周一，请核对',
      '二、春节：2月23日注明为周一，但 2027-02-23 是周二，请核对',
      '二、春节：2月14日注明为周六，但 2027-02-14 是周日，请核对',
      '二、春节：2月28日注明为周六，但 2027-02-28 是周日，请核对',
    ]);
  });

  it('a 共N天 that is not the range, a make-up working day on a weekday, a day both off and on', () => {
    const n = parseHolidayNotice('关于2026年部分节假日安排的通知\n一、清明节：4月4日（周六）至6日（周一）放假，共4天。\n二、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月6日（周三）上班。\n三、国庆节：10月1日至7日放假，共7天。5月5日上班。');
    expect(n.problems).toEqual([
      '一、清明节：通知写明共 4 天，但所列日期为 3 天（2026-04-04 至 2026-04-06），请核对',
      '二、劳动节：调休上班日 2026-05-06 是周三，不是周末，请核对',
      '三、国庆节：调休上班日 2026-05-05 是周二，不是周末，请核对',
      '2026-05-05 既在“劳动节”中放假，又在“国庆节”中上班，请核对',
    ]);
  });

  it("another year's notice is not entered as this one", () => {
    expect(parseHolidayNotice(NOTICE_2026, 2027).problems).toEqual(['通知是 2026 年的放假安排，而录入的年份为 2027 年，请核对']);
  });

  it('a day of the year before (元旦 across the new year) is a note, not an entry of this year', () => {
    const n = parseHolidayNotice('关于2019年部分节假日安排的通知 一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。');
    expect(n.problems).toEqual([]);
    expect(n.entries).toEqual([{ date: '2019-01-01', kind: 'holiday', name: '元旦' }]);
    expect(n.notes).toEqual([
      '一、元旦：2018-12-30 属于 2018 年，不计入 2019 年的安排（应在该年的安排中录入）',
      '一、元旦：2018-12-31 属于 2018 年，不计入 2019 年的安排（应在该年的安排中录入）',
      '一、元旦：2018-12-29 属于 2018 年，不计入 2019 年的安排（应在该年的安排中录入）',
    ]);
  });

  it('text without items says what to paste', () => {
    expect(parseHolidayNotice('2027年放假安排还没公布', 2027).problems).toEqual(['未找到放假安排的条目（应为“一、元旦：1月1日放假……”这样的条目，请粘贴通知正文）']);
  });
});
