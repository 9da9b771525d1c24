import { describe, expect, it } from 'vitest';
import {
  NOTICE_KEYS,
  NOTICE_KINDS,
  cleanRequestText,
  consultationValues,
  fillNotice,
  formatNoticeNumber,
  noticeKindOfStep,
  numberPatternProblems,
  numberedText,
  placeholdersIn,
  requestAsCorrected,
  templateProblems,
  unfilledPlaceholders,
} from '../../../src/core/applications/notices';

describe('the notice kinds', () => {
  it('are the eight the law requires, the 征求意见函 alone not public', () => {
    expect([...NOTICE_KEYS]).toEqual(['correction', 'extension', 'consultation', 'fee', 'reasonsRequest', 'deferral', 'reply', 'notProcessed']);
    expect(NOTICE_KEYS.filter((k) => !NOTICE_KINDS[k].public)).toEqual(['consultation']);
    expect(NOTICE_KINDS.correction).toMatchObject({ title: '政府信息公开申请补正告知书', article: '《中华人民共和国政府信息公开条例》第三十条' });
    expect(NOTICE_KINDS.extension.article).toBe('《中华人民共和国政府信息公开条例》第三十三条第二款');
    expect(NOTICE_KINDS.fee.article).toBe('《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
    expect(NOTICE_KINDS.deferral.article).toBe('《中华人民共和国政府信息公开条例》第三十五条');
  });

  for (const kind of NOTICE_KEYS) {
    it(`${kind}: the default template fills with no placeholder left, each value where the template puts it`, () => {
      const def = NOTICE_KINDS[kind];
      // a value that says which placeholder it came from
      const values = Object.fromEntries(def.placeholders.map((p) => [p, `〈${p}〉`]));
      const text = fillNotice(def.template, values);
      expect(placeholdersIn(text)).toEqual([]);
      expect(text).not.toContain('{{');
      const lines = text.split('\n');
      expect(lines[0]).toBe(def.title);
      expect(lines[1]).toBe('〈文号〉');
      expect(lines.at(-2)).toBe('〈机关名称〉');
      expect(lines.at(-1)).toBe('〈发文日期〉');
      for (const r of def.required) expect(text).toContain(`〈${r.name}〉`);
      expect(templateProblems(kind, def.template)).toEqual([]);
    });
  }

  it('the 补正告知书 says what to correct, by when, and the consequence (条例第三十条)', () => {
    const text = fillNotice(NOTICE_KINDS.correction.template, { 补正事项: '请写明年份。', 补正期限: '2026年3月25日' });
    expect(text).toContain('需要补正的事项如下：\n请写明年份。\n请您于2026年3月25日前');
    expect(text).toContain('无正当理由逾期不补正的，视为放弃申请');
    // unfilled ones stay visible (文号 until issued)
    expect(unfilledPlaceholders(text)).toEqual(['申请人', '收到日期', '申请编号', '申请内容', '机关名称', '发文日期']);
  });

  it('the 收费通知书 gives the basis, the month count and band, the amount, how and by when, and 视为放弃申请', () => {
    const text = fillNotice(NOTICE_KINDS.fee.template, { 收费标准: '按件计收', 本月申请件数: '15', 收费档次: '第11—30件，每件100元', 收费金额: '100', 缴费方式: '窗口缴纳', 缴费期限: '自收到本通知之日的次日起20个工作日内' });
    expect(text).toContain('根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定');
    expect(text).toContain('累计15件，本申请适用的收费档次为：第11—30件，每件100元。应缴纳信息处理费100元。');
    expect(text).toContain('缴费方式：窗口缴纳\n请于自收到本通知之日的次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请');
  });

  it('the 征求意见函 names no applicant, and words the lapse by whom it goes to (Art. 32 / Art. 34)', () => {
    expect(NOTICE_KINDS.consultation.template).not.toContain('{{申请人}}');
    expect(NOTICE_KINDS.consultation.template).toContain('15个工作日内');
    expect(consultationValues('otherAgency')).toEqual({ 征求依据: '《中华人民共和国政府信息公开条例》第三十四条', 逾期后果: '逾期未提出意见的，视为同意公开。' });
    expect(consultationValues('thirdParty').征求依据).toBe('《中华人民共和国政府信息公开条例》第三十二条');
  });
});

describe('templateProblems', () => {
  it('names the line of an unknown placeholder, and the required ones missing', () => {
    const body = '补正告知书\n{{文号}}\n{{申请人}}：\n请补正：{{补正事项}}，期限{{补正期限}}，负责人{{承办人}}。\n{{机关名称}}\n{{发文日期}}';
    expect(templateProblems('correction', body)).toEqual([expect.stringMatching(/^第 4 行：未知的占位符 \{\{承办人\}\}/)]);
    // a placeholder of another kind is unknown here
    expect(templateProblems('correction', body.replace('{{承办人}}', '{{收费金额}}'))[0]).toMatch(/^第 4 行：未知的占位符 \{\{收费金额\}\}/);
    const noPeriod = body.replace('期限{{补正期限}}，', '').replace('负责人{{承办人}}', '');
    expect(templateProblems('correction', noPeriod)).toEqual(['模板必须包含 {{补正期限}}：应当告知合理的补正期限（条例第三十条）']);
    expect(templateProblems('reply', NOTICE_KINDS.reply.template.replace('{{救济途径}}\n', ''))).toEqual(['模板必须包含 {{救济途径}}：应当告知申请人申请行政复议、提起行政诉讼的权利']);
    expect(templateProblems('reply', NOTICE_KINDS.reply.template.replace('{{文号}}', '编号'))).toEqual(['模板必须包含 {{文号}}：发出时在此处填入本机关的文号']);
    expect(templateProblems('reply', NOTICE_KINDS.reply.template.replace('{{申请人}}', '{{申请人}'))).toEqual(['第 3 行：占位符的括号不成对（应写作 {{名称}}）']);
  });

  it("accepts the reply letter's former date placeholder {{答复日期}} (templates saved before notices)", () => {
    expect(templateProblems('reply', NOTICE_KINDS.reply.template.replace('{{发文日期}}', '{{答复日期}}'))).toEqual([]);
  });
});

describe('cleanRequestText (the request as a letter quotes it inside “…”)', () => {
  const cases: [string, string][] = [
    ['  “请公开本局2025年行政许可决定目录。”  ', '请公开本局2025年行政许可决定目录'],
    ['““本局2025年部门预算””', '本局2025年部门预算'],
    ['"关于"城市规划"的文件"', '关于‘城市规划’的文件'],
    ['“城建档案”和“规划许可”', '‘城建档案’和‘规划许可’'],
    ['请提供“2024年预算。”', '请提供‘2024年预算’'],
    ['请公开\n\n 2025年  预算\u3000表。。', '请公开 2025年预算表'],
    ['《条例》第五条，，规定的信息；', '《条例》第五条，规定的信息'],
    ['关于 ABC 公司 的 许可 ， 决定', '关于 ABC 公司的许可，决定'],
    ['   \n ', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(cleanRequestText(input)).toBe(expected);
    });
  }

  it('quoted in a letter: no doubled quotes, no “。” inside them', () => {
    const letter = fillNotice('申请获取“{{申请内容}}”。', { 申请内容: cleanRequestText('“本局2025年行政许可决定目录。”') });
    expect(letter).toBe('申请获取“本局2025年行政许可决定目录”。');
  });

  it('the request as corrected: the application, then each correction', () => {
    expect(requestAsCorrected('“卫生许可目录。”', ['年份为 2025年。', '  '])).toBe('卫生许可目录（补正：年份为 2025年）');
    expect(requestAsCorrected('卫生许可目录')).toBe('卫生许可目录');
  });
});

describe('the 文号', () => {
  it('the default pattern, and an agency pattern', () => {
    expect(formatNoticeNumber(undefined, { shortName: '示范卫健', year: 2026, seq: 7 })).toBe('示范卫健依申〔2026〕7号');
    expect(formatNoticeNumber('  ', { shortName: '示范卫健', year: 2026, seq: 7 })).toBe('示范卫健依申〔2026〕7号');
    expect(formatNoticeNumber('{简称}信公〔{年}〕第{序号}号', { shortName: '卫健', year: 2027, seq: 12 })).toBe('卫健信公〔2027〕第12号');
  });

  it('a pattern must number by year', () => {
    expect(numberPatternProblems('{简称}依申〔{年}〕{序号}号')).toEqual([]);
    expect(numberPatternProblems('{简称}依申{序号}号')).toEqual(['文号格式必须包含 {年}（序号按年编排）']);
    expect(numberPatternProblems('{机关}〔{年}〕号')).toEqual(['文号格式中有未知的项 {机关}，可用：{简称}、{年}、{序号}', '文号格式必须包含 {序号}']);
  });

  it('goes where {{文号}} is, or under the title when the officer removed it', () => {
    expect(numberedText('告知书\n{{文号}}\n张三：', '卫健〔2026〕1号')).toBe('告知书\n卫健〔2026〕1号\n张三：');
    expect(numberedText('\n告知书\n张三：', '卫健〔2026〕1号')).toBe('\n告知书\n卫健〔2026〕1号\n张三：');
  });
});

describe('the notice of a step', () => {
  it('each step that must be told in writing, the reply by its decision', () => {
    expect(noticeKindOfStep('requestCorrection')).toBe('correction');
    expect(noticeKindOfStep('approveExtension')).toBe('extension');
    expect(noticeKindOfStep('requestExtension')).toBeNull();
    expect(noticeKindOfStep('startConsultation')).toBe('consultation');
    expect(noticeKindOfStep('issueFeeNotice')).toBe('fee');
    expect(noticeKindOfStep('requestReasons')).toBe('reasonsRequest');
    expect(noticeKindOfStep('deferReply')).toBe('deferral');
    expect(noticeKindOfStep('reply', { decision: 'provided' })).toBe('reply');
    expect(noticeKindOfStep('reply', { decision: 'stateSecret' })).toBe('reply');
    for (const d of ['complaint', 'duplicate', 'publication', 'excessive', 'confirmation']) expect(noticeKindOfStep('reply', { decision: d }), d).toBe('notProcessed');
    expect(noticeKindOfStep('close')).toBeNull();
  });
});
