/**
 * The fingerprint of a finding (src/core/supervision/fingerprint.ts): rule | place | figures. Expected strings
 * are written out by hand from the messages.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf, fingerprint, placeOf, wordsOf } from '../../../src/core/supervision/fingerprint';
import type { Finding } from '../../../src/core/report/findings';

const cell: Finding = {
  rule: 'applications.rowTotal',
  severity: 'error',
  message: '三、（七）总计，总计列：应为 5，实为 7（总计列等于各列之和）',
  where: 'applications.total[6]',
};
const sentence: Finding = {
  rule: 'narrative.received',
  severity: 'error',
  message: '正文“本年共收到政府信息公开申请120件”称 120，表三 一、本年新收政府信息公开申请数量为 118',
  where: 'line 12',
};

describe('fingerprint', () => {
  it('a cell finding: its rule, its cell, the figures of its message', () => {
    expect(figuresOf(cell.message)).toEqual(['5', '7']);
    expect(fingerprint(cell)).toBe('applications.rowTotal|applications.total[6]|5,7');
  });

  it('the same cell with another figure is another finding; another cell with the same figures too', () => {
    expect(fingerprint({ ...cell, message: '三、（七）总计，总计列：应为 5，实为 8（总计列等于各列之和）' })).toBe('applications.rowTotal|applications.total[6]|5,8');
    expect(fingerprint({ ...cell, where: 'applications.total[0]' })).toBe('applications.rowTotal|applications.total[0]|5,7');
    expect(fingerprint({ ...cell, rule: 'applications.columnTotal' })).toBe('applications.columnTotal|applications.total[6]|5,7');
  });

  it('a text finding: the words of the sentence it quotes, not its line number', () => {
    expect(placeOf(sentence)).toBe('text:本年共收到政府信息公开申请#件');
    // 120 in the sentence, 120 stated, 118 in the table
    expect(fingerprint(sentence)).toBe('narrative.received|text:本年共收到政府信息公开申请#件|120,120,118');
    // the paragraph moved down (a new version, or the same report read from a .pdf): the same finding
    expect(fingerprint({ ...sentence, where: 'line 30' })).toBe(fingerprint(sentence));
    // the sentence states another figure: another finding
    expect(fingerprint({ ...sentence, message: '正文“本年共收到政府信息公开申请121件”称 121，表三 一、本年新收政府信息公开申请数量为 118' })).toBe(
      'narrative.received|text:本年共收到政府信息公开申请#件|121,121,118',
    );
  });

  it('two quoted passages are both the place; a text finding without a quotation is placed by its words', () => {
    const twice: Finding = {
      rule: 'narrative.statedTotals',
      severity: 'warning',
      message: '正文前后所述主动公开信息数不一致：“主动公开政府信息142条”为 142 条，“在主动公开的140条信息中”为 140 条',
      where: 'line 3',
    };
    expect(fingerprint(twice)).toBe('narrative.statedTotals|text:主动公开政府信息#条/在主动公开的#条信息中|142,142,140,140');
    const year: Finding = { rule: 'read.year', severity: 'warning', message: '标题年度为 2024 年，统计时限为 2023 年，按标题读取', where: 'line 1' };
    expect(fingerprint(year)).toBe('read.year|text:标题年度为#年，统计时限为#年，按标题读取|2024,2023');
  });

  it('a finding about the whole file is placed at "file", whatever the file is called', () => {
    const f: Finding = { rule: 'read.file', severity: 'error', message: '文件损坏或过于复杂，无法读取', where: '上传/2024年报告.docx' };
    expect(fingerprint(f)).toBe('read.file|file|');
    expect(fingerprint({ ...f, where: '重新上传/报告.docx' })).toBe('read.file|file|');
  });

  it('report parts that are not cells keep their name; decimals and signs are figures as written', () => {
    expect(placeOf({ where: 'format', message: '' })).toBe('format');
    expect(placeOf({ where: 'proactive', message: '' })).toBe('proactive');
    expect(placeOf({ where: 'reviewLitigation.reconsideration.total', message: '' })).toBe('reviewLitigation.reconsideration.total');
    expect(figuresOf('102/142 应约为 71.8%，实为 68.30%')).toEqual(['102', '142', '71.8', '68.3']);
    expect(figuresOf('本年增/减 -3，应为 0.0')).toEqual(['-3', '0']);
    expect(wordsOf('共 收到 12 件， 占 3.5%')).toBe('共收到#件，占#%');
  });
});
