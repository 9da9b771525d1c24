/**
 * 主动公开: what an agency must publish (条例 Art. 20, text from 国务院令第711号), the channels items are
 * published on, and the time limit (Art. 26: within 20 working days of being formed or changed).
 */
import type { Calendar, IsoDate } from '../clock/calendar';
import { addWorkdays } from '../clock/deadline';

export interface Category {
  /** (一) … (十五) */
  no: number;
  numeral: string;
  text: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

export const ARTICLE_20: Category[] = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
].map((text, i) => ({ no: i + 1, numeral: NUMERALS[i], text }));

export function categoryLabel(no: number): string {
  const c = ARTICLE_20[no - 1];
  return c ? `第二十条第（${c.numeral}）项 ${c.text}` : `第${no}项`;
}

/** Where an item is published (条例 Art. 23–25). */
export const CHANNELS = {
  website: '政府网站（政府信息公开专栏）',
  gazette: '政府公报',
  wechat: '政务微信公众号',
  weibo: '政务微博',
  app: '政务客户端',
  press: '报刊、广播、电视',
  archive: '档案馆、图书馆查阅点',
  board: '公共查阅室、公告栏、电子屏',
} as const;
export type ChannelKey = keyof typeof CHANNELS;

/** Kinds of documents of Art. 20 (一) that the annual report counts. */
export const DOC_KINDS = { regulation: '规章', normativeDocument: '行政规范性文件' } as const;
export type DocKind = keyof typeof DOC_KINDS;

/** Records of administrative decisions counted in table 二. */
export const DECISION_KINDS = { licensing: '行政许可', punishment: '行政处罚', enforcement: '行政强制' } as const;

/** Items (事项) whose number the 2019 format's table 二 reports (上一年项目数量、本年增/减). */
export const MATTER_KINDS = {
  licensing: '行政许可事项',
  otherServices: '其他对外管理服务事项',
  punishment: '行政处罚事项',
  enforcement: '行政强制事项',
  fees: '行政事业性收费项目',
} as const;
export type MatterKind = keyof typeof MATTER_KINDS;

/** Where an item stands: 待审核 until approved (after the 保密审查), then 发布, or 撤回 at any time. */
export const DISCLOSURE_STATUS_LABELS = {
  draft: '待审核',
  approved: '已批准待发布',
  published: '已公开',
  withdrawn: '已撤回',
} as const;

/** The steps of an item (条例 Art. 17: 保密审查 before publication) and the roles that may take them. */
export const DISCLOSURE_STEP_LABELS = {
  secrecyReview: '保密审查',
  approve: '审核批准',
  publish: '发布',
  repeal: '废止',
  withdraw: '撤回',
} as const;
export const DISCLOSURE_STEP_ROLES: Record<keyof typeof DISCLOSURE_STEP_LABELS, string[]> = {
  secrecyReview: ['officer', 'reviewer', 'admin'],
  approve: ['reviewer'],
  publish: ['officer', 'admin'],
  repeal: ['officer', 'admin'],
  withdraw: ['officer', 'admin'],
};

export const ON_TIME_WORKDAYS = 20;

/** The last day an item may be published on time (Art. 26). */
export function publishBy(calendar: Calendar, formedOn: IsoDate): IsoDate {
  return addWorkdays(calendar, formedOn, ON_TIME_WORKDAYS);
}
