/**
 * The remedy paragraph of the reply letter, word by word (行政复议法 2023 第二十三条第一款第（四）项: a refusal to
 * disclose goes to 行政复议 first), and the 复议机关 from the agency tree (第二十四条).
 */
import { describe, expect, it } from 'vitest';
import { reconsiderationAuthority, remediesParagraph, RemedyUnknownError } from '../../../src/core/applications/remedies';

const to = { reconsideration: '示范市人民政府', court: '示范市鼓楼区人民法院' };

describe('remediesParagraph', () => {
  it('keeps the choice for outcomes that are not refusals', () => {
    expect(remediesParagraph('choice', to)).toBe(
      '如对本答复不服，可以自收到本答复之日起六十日内向示范市人民政府申请行政复议，或者自收到本答复之日起六个月内向示范市鼓楼区人民法院提起行政诉讼。',
    );
  });

  it('不予公开: 复议 first, then 诉讼 against the 复议 decision', () => {
    expect(remediesParagraph('reconsiderationFirst', to)).toBe(
      '如对本答复不予公开的决定不服，应当自收到本答复之日起六十日内向示范市人民政府申请行政复议（《中华人民共和国行政复议法》第二十三条第一款第（四）项）；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向示范市鼓楼区人民法院提起行政诉讼。',
    );
  });

  it('部分公开: 复议 first for the withheld part, the choice for the rest', () => {
    expect(remediesParagraph('partialReconsiderationFirst', to)).toBe(
      '如对本答复中不予公开的部分不服，应当自收到本答复之日起六十日内向示范市人民政府申请行政复议（《中华人民共和国行政复议法》第二十三条第一款第（四）项）；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向示范市鼓楼区人民法院提起行政诉讼；如对本答复的其他内容不服，可以自收到本答复之日起六十日内向示范市人民政府申请行政复议，或者自收到本答复之日起六个月内向示范市鼓楼区人民法院提起行政诉讼。',
    );
  });

  it('names the court by jurisdiction when the agency set none, never "依法"', () => {
    const p = remediesParagraph('choice', { reconsideration: '示范市人民政府' });
    expect(p).toContain('向有管辖权的人民法院提起行政诉讼');
    expect(p).not.toContain('依法');
  });
});

describe('reconsiderationAuthority (行政复议法 第二十四条)', () => {
  const city = { name: '示范市人民政府', kind: 'government' };
  const district = { name: '示范市鼓楼区人民政府', kind: 'government' };
  it("a department's is its own government (本级人民政府)", () => {
    expect(reconsiderationAuthority([{ name: '示范市鼓楼区卫生健康局', kind: 'department' }, district, city])).toBe('示范市鼓楼区人民政府');
  });
  it("a government's is the government one level up", () => {
    expect(reconsiderationAuthority([district, city])).toBe('示范市人民政府');
  });
  it("the administrator's setting wins (e.g. a vertical system, 第二十七条)", () => {
    expect(reconsiderationAuthority([{ name: '示范市鼓楼区税务局', kind: 'department', reconsiderationBody: '国家税务总局示范市税务局' }, district, city])).toBe('国家税务总局示范市税务局');
  });
  it('without a setting or a government above, the letter cannot be issued', () => {
    expect(() => reconsiderationAuthority([city])).toThrow(RemedyUnknownError);
    expect(() => reconsiderationAuthority([city])).toThrow('请管理员在“设置 → 机关信息”中填写行政复议机关');
  });
});
