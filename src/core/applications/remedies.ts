/**
 * 救济途径: the remedies a reply letter must state, and to whom.
 *
 * - Since 2024-01-01 (《中华人民共和国行政复议法》第二十三条第一款第（四）项) an applicant refused disclosure must apply for
 *   行政复议 before suing; against the 复议 decision a suit lies within 15 days of receiving it (《中华人民共和国行政诉讼法》
 *   第四十五条). Other outcomes keep the choice: 复议 within 60 days (行政复议法 第二十条) or 诉讼 within six months
 *   (行政诉讼法 第四十六条).
 * - The 复议机关 (行政复议法 第二十四条): for a department of a local government, that 本级人民政府; for a local
 *   government, the government one level up. Vertical systems (第二十七条: 海关、金融、外汇管理、税务、国家安全) and any other
 *   case are set by the agency's administrator, whose setting always wins. Never "依法" for want of a setting:
 *   without one the letter cannot be issued.
 */
import type { Decision } from './decisions';

export interface AgencyNode {
  name: string;
  /** 'government' (人民政府) or 'department' (工作部门) and others */
  kind: string;
  /** the administrator's setting */
  reconsiderationBody?: string;
  court?: string;
}

export class RemedyUnknownError extends Error {
  constructor(agency: string) {
    super(
      `无法确定${agency}的行政复议机关（《中华人民共和国行政复议法》第二十四条）：请管理员在“设置 → 机关信息”中填写行政复议机关，答复书必须写明复议机关，不能只写“依法”`,
    );
    this.name = 'RemedyUnknownError';
  }
}

/**
 * The 复议机关 of the first agency of `chain` (the agency, then its parent, up to the root of the tree).
 * Throws RemedyUnknownError when neither the setting nor the tree decides it.
 */
export function reconsiderationAuthority(chain: readonly AgencyNode[]): string {
  const [self, ...above] = chain;
  const set = self.reconsiderationBody?.trim();
  if (set) return set;
  // a department: the government it belongs to; a government: the government one level up
  const government = above.find((a) => a.kind === 'government');
  if (government) return government.name;
  throw new RemedyUnknownError(self.name);
}

export function remediesParagraph(remedy: Decision['remedy'], to: { reconsideration: string; court?: string }): string {
  const r = `向${to.reconsideration}`;
  const court = to.court?.trim() ? `向${to.court.trim()}` : '向有管辖权的人民法院';
  const choice = `可以自收到本答复之日起六十日内${r}申请行政复议，或者自收到本答复之日起六个月内${court}提起行政诉讼`;
  const first = `应当自收到本答复之日起六十日内${r}申请行政复议（《中华人民共和国行政复议法》第二十三条第一款第（四）项）；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内${court}提起行政诉讼`;
  switch (remedy) {
    case 'reconsiderationFirst':
      return `如对本答复不予公开的决定不服，${first}。`;
    case 'partialReconsiderationFirst':
      return `如对本答复中不予公开的部分不服，${first}；如对本答复的其他内容不服，${choice}。`;
    default:
      return `如对本答复不服，${choice}。`;
  }
}
