/**
 * The demo agency `npm start` loads into an empty database: a city government (its 政务公开办 supervises the
 * departments), a health bureau with a year of realistic applications in every state, and a second
 * department. Everything is made through the services, with the clock set to each step's day, so events,
 * deadlines, letters and the audit trail are what real use would leave.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { agencies } from '../db/schema';
import { addDays, weekdayOf, type Calendar } from '../core/clock/calendar';
import { addWorkdays } from '../core/clock/deadline';
import type { Action, Role } from '../core/applications/workflow';
import { fixedClock, type Ctx, type StaffActor } from './context';
import { createAgency } from './agencies';
import { createUser } from './accounts';
import { act, registerApplication, submitOnline } from './applications';
import { loadCalendar } from './calendar';
import { createReviewCase } from './review-cases';
import { insertDisclosures, insertRecords } from './registry';
import { approveReport, confirmImport, previewImport, publishReport, reportWorkspace, saveSections, submitReport } from './reports';
import { computeReport, type EngineRecords } from '../core/report/engine';
import { draftSections } from '../core/report/draft';
import type { ReportSections } from '../core/report/layout';
import { PROMPTS, type PromptKey } from '../core/report/placeholders';
import { reportDocx } from '../render/docx';
import { ServiceError } from './errors';
import { seededRandom } from '../core/random';

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  agency: string;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(agencies);
  return n === 0;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强', '文博', '思远', '雨涵', '子轩', '浩然', '欣怡'];
const COMPANIES = ['示范市康达医药有限公司', '示范市仁和医疗器械有限公司', '示范市明德律师事务所', '示范市公信律师事务所', '示范市健康促进协会', '示范大学公共卫生学院', '示范市绿源环保科技有限公司'];
const REQUESTS = [
  '2025年度本市医疗机构执业许可证发放情况（名单及许可决定书）',
  '本市二级以上医院2025年收费标准及医疗服务价格调整文件',
  '我所在小区附近建设社区卫生服务中心的规划审批文件',
  '2025年度全市公共场所卫生监督检查结果',
  '某某口腔诊所行政处罚决定书（处罚日期2025年）',
  '本局2025年部门预算及“三公”经费使用情况',
  '关于进一步做好基本公共卫生服务项目工作的通知（文号及全文）',
  '本市新冠疫苗接种补助资金发放明细',
  '本人母亲在某某医院的医疗纠纷调查处理记录',
  '2024年以来本市医疗机构不良事件统计数据',
  '本局对某某养老机构医疗服务的监督检查记录',
  '本市职业病防治规划（2024—2027年）及实施方案',
  '某某医院新院区建设项目环境影响评价审批材料',
  '本市计划生育奖励扶助资金发放标准及依据',
  '本局行政许可事项目录及办理流程',
  '关于本市急救站点布局调整的请示及批复',
  '要求确认本人2010年在某某卫生院的工作经历并出具证明',
  '举报某某诊所无证行医，要求查处并答复',
  '2025年全市食品安全风险监测结果',
  '本局印发的《医疗机构依法执业自查工作方案》',
];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

function weighted<T extends string>(r: () => number, weights: Record<T, number>): T {
  const total = Object.values<number>(weights).reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (const [k, w] of Object.entries<number>(weights)) {
    x -= w;
    if (x <= 0) return k as T;
  }
  return Object.keys(weights)[0] as T;
}

/** A valid 18-digit resident ID for a made-up person (checksum per GB 11643). */
function residentId(r: () => number): string {
  const area = pick(r, ['350181', '350104', '350103', '350102']);
  const y = 1955 + Math.floor(r() * 45);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const body = `${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(r: () => number): string {
  let body = '91350181';
  for (let i = 0; i < 9; i++) body += USCC_CHARS[Math.floor(r() * USCC_CHARS.length)];
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(body[i]), 0);
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

type Scenario = 'plain' | 'correction' | 'correctionLapsed' | 'consultation' | 'extension' | 'fee';

export async function seedDemo(ctx: Ctx, options: { password?: string; today?: string; casesPerYear?: number } = {}): Promise<DemoAccount[]> {
  const today = options.today ?? ctx.clock.today();
  const password = (tag: string) => options.password ?? `${tag}-${randomBytes(6).toString('base64url')}1`;
  const city = await createAgency(ctx.db, {
    name: '示范市人民政府',
    kind: 'government',
    contact: { office: '示范市人民政府办公室（政务公开办）', address: '示范市政务中心1号楼', postcode: '350000', phone: '0591-12345678', hours: '工作日 8:30—12:00，14:30—17:30' },
  });
  const health = await createAgency(ctx.db, {
    name: '示范市卫生健康局',
    kind: 'department',
    parentId: city.id,
    contact: {
      office: '示范市卫生健康局办公室',
      address: '示范市健康路88号',
      postcode: '350001',
      phone: '0591-87654321',
      email: 'gk@wjj.example.gov.cn',
      hours: '工作日 8:30—12:00，14:30—17:30',
      reconsiderationBody: '示范市人民政府',
      court: '示范市人民法院',
    },
  });
  const education = await createAgency(ctx.db, {
    name: '示范市教育局',
    kind: 'department',
    parentId: city.id,
    contact: { office: '示范市教育局办公室', address: '示范市学府路6号', postcode: '350002', phone: '0591-86666666', reconsiderationBody: '示范市人民政府', court: '示范市人民法院' },
  });

  const accounts: DemoAccount[] = [
    { username: 'admin', displayName: '平台管理员', roles: ['admin'], agency: city.name, password: password('admin') },
    { username: 'supervisor', displayName: '政务公开办 林主任', roles: ['supervisor'], agency: city.name, password: password('supervisor') },
    { username: 'officer', displayName: '卫健局 陈晓', roles: ['officer'], agency: health.name, password: password('officer') },
    { username: 'reviewer', displayName: '卫健局 王科长', roles: ['reviewer'], agency: health.name, password: password('reviewer') },
    { username: 'wjj-admin', displayName: '卫健局 系统管理员', roles: ['admin', 'officer'], agency: health.name, password: password('wjjadmin') },
    { username: 'edu-officer', displayName: '教育局 刘敏', roles: ['officer', 'reviewer'], agency: education.name, password: password('edu') },
  ];
  const byName = new Map([city, health, education].map((a) => [a.name, a.id]));
  const ids = new Map<string, string>();
  for (const a of accounts) {
    const { id } = await createUser(ctx.db, { agencyId: byName.get(a.agency)!, username: a.username, displayName: a.displayName, password: a.password, roles: a.roles });
    ids.set(a.username, id);
  }
  const staff = (username: string, agencyId: number): StaffActor => {
    const a = accounts.find((x) => x.username === username)!;
    return { kind: 'staff', userId: ids.get(username)!, name: a.displayName, agencyId, roles: a.roles };
  };
  const officer = staff('officer', health.id);
  const reviewer = staff('reviewer', health.id);
  const eduOfficer = staff('edu-officer', education.id);

  const calendar = await loadCalendar(ctx.db);
  const r = seededRandom(20260101);
  const created: { agencyId: number; id: string; receivedOn: string }[] = [];
  const lastYear = Number(today.slice(0, 4)) - 1;
  const from = `${lastYear}-01-01`;
  const perYear = options.casesPerYear ?? 64;
  const span = (Date.parse(today) - Date.parse(from)) / 86_400_000;
  await generateCases(ctx, calendar, r, from, today, health.id, officer, reviewer, Math.round((perYear * span) / 365), created);
  await generateCases(ctx, calendar, r, from, today, education.id, eduOfficer, eduOfficer, Math.round((perYear * span) / 365 / 4), created);
  await generateRegistry(ctx, calendar, r, from, today, health.id, officer, reviewer);

  // 行政复议 and 行政诉讼 cases about some of the health bureau's replies
  const replied = created.filter((c) => c.agencyId === health.id).slice(0, 12);
  const caseAt = (i: number, days: number) => (replied[i] ? { applicationId: replied[i].id, filedOn: minDate(addDays(replied[i].receivedOn, days), today) } : null);
  const at = clockAt(ctx, today);
  for (const [i, days, kind, outcome, decidedAfter] of [
    [2, 45, 'reconsideration', 'upheld', 50],
    [5, 40, 'reconsideration', 'corrected', 55],
    [8, 30, 'litigationDirect', 'upheld', 90],
    [10, 35, 'reconsideration', 'pending', 0],
  ] as const) {
    const c = caseAt(i, days);
    if (!c || c.filedOn >= today) continue;
    const decidedOn = decidedAfter ? addDays(c.filedOn, decidedAfter) : null;
    const done = decidedOn && decidedOn <= today;
    await createReviewCase(at(done ? decidedOn! : c.filedOn), officer, health.id, {
      applicationId: c.applicationId,
      kind,
      filedOn: c.filedOn,
      caseNumber: `示${kind === 'reconsideration' ? '政复' : '行初'}〔${c.filedOn.slice(0, 4)}〕${10 + i}号`,
      body: kind === 'reconsideration' ? '示范市人民政府' : '示范市人民法院',
      outcome: done ? outcome : 'pending',
      decidedOn: done ? decidedOn : null,
    });
  }
  await demoReports(ctx, health.id, officer, reviewer, lastYear, today);
  return accounts;
}

/**
 * The year before last brought in from its published report (read back through the reader, as an agency new
 * to the system would), and last year's report drafted, approved and published by 31 January.
 */
async function demoReports(ctx: Ctx, agencyId: number, officer: StaffActor, reviewer: StaffActor, lastYear: number, today: string): Promise<void> {
  const at = clockAt(ctx, today);
  const earlier = lastYear - 1;
  const ids = (() => {
    let n = 0;
    return () => `demo-${++n}`;
  })();
  const kinds = ['provided', 'provided', 'provided', 'alreadyPublic', 'partial', 'notExist', 'notExist', 'notOurs', 'processInfo', 'complaint'];
  const records: EngineRecords = {
    applications: Array.from({ length: 47 }, (_, i) => ({
      id: ids(),
      applicantType: i % 9 === 0 ? 'commercial' : i % 13 === 0 ? 'legal' : 'natural',
      receivedOn: `${earlier}-${String(1 + (i % 11)).padStart(2, '0')}-${String(3 + (i % 20)).padStart(2, '0')}`,
      repliedOn: `${earlier}-${String(1 + (i % 11)).padStart(2, '0')}-${String(8 + (i % 20)).padStart(2, '0')}`,
      decision: kinds[i % kinds.length],
    })),
    documents: [{ id: ids(), docKind: 'normativeDocument', issuedOn: `${earlier}-06-01`, repealedOn: null, publishedOn: `${earlier}-06-05` }],
    decisions: [
      ...Array.from({ length: 296 }, () => ({ id: ids(), kind: 'licensing' as const, decidedOn: `${earlier}-06-01` })),
      ...Array.from({ length: 41 }, () => ({ id: ids(), kind: 'punishment' as const, decidedOn: `${earlier}-06-01` })),
      ...Array.from({ length: 2 }, () => ({ id: ids(), kind: 'enforcement' as const, decidedOn: `${earlier}-06-01` })),
    ],
    fees: [],
    matters: [],
    procurements: [],
    reviewCases: [{ id: ids(), kind: 'reconsideration', filedOn: `${earlier}-08-01`, outcome: 'upheld', decidedOn: `${earlier}-10-01` }],
  };
  const previous = computeReport(records, '示范市卫生健康局', earlier);
  const file = await reportDocx(previous, written(draftSections({ report: previous }), EARLIER_TEXT), { signatureDate: `${earlier + 1}年1月22日` });
  // brought in as a new agency would: read, looked over, confirmed
  const upload = { filename: `示范市卫生健康局${earlier}年政府信息公开工作年度报告.docx`, bytes: file };
  const { token } = await previewImport(at(`${lastYear}-03-01`), officer, agencyId, upload);
  await confirmImport(at(`${lastYear}-03-01`), officer, agencyId, upload, token);

  const publishOn = `${lastYear + 1}-01-20`;
  if (publishOn > today) return;
  const ws = await reportWorkspace(at(publishOn), officer, agencyId, lastYear);
  await saveSections(at(publishOn), officer, agencyId, lastYear, written(ws.sections, LAST_YEAR_TEXT));
  await submitReport(at(publishOn), officer, agencyId, lastYear);
  await approveReport(at(publishOn), reviewer, agencyId, lastYear);
  await publishReport(at(publishOn), officer, agencyId, lastYear);
}

/** What the health bureau wrote where the draft asked for it (src/core/report/placeholders.ts), each year. */
const EARLIER_TEXT: Record<PromptKey, string> = {
  platform: '落实信息发布保密审查制度，更新政府信息公开指南和公开目录。',
  oversight: '明确分管领导和专门工作人员，将政务公开纳入年度绩效考核。',
  problems: '政策解读形式较为单一。',
  improvements: '增加图解、视频等解读形式。',
};
const LAST_YEAR_TEXT: Record<PromptKey, string> = {
  platform: '严格落实信息发布保密审查制度，及时更新政府信息公开指南和公开目录，加强政府网站和“健康示范”微信公众号建设。',
  oversight: '调整充实政务公开工作领导小组，组织业务培训2次，将政务公开纳入年度绩效考核。',
  problems: '一是依申请公开答复文书的规范性有待提升；二是政策解读形式不够丰富。',
  improvements: '制定答复书模板和办理指引，推行图解、短视频等解读形式。',
};

/** The draft's sections with every prompt written out: nothing left for the checks to flag. */
function written(sections: ReportSections, text: Record<PromptKey, string>): ReportSections {
  const fill = (s: string | undefined) => (Object.keys(PROMPTS) as PromptKey[]).reduce((t, k) => t.split(PROMPTS[k]).join(text[k]), s ?? '');
  return { overview: fill(sections.overview), problems: fill(sections.problems), other: fill(sections.other) };
}

const CATEGORY_WEIGHTS: Record<string, number> = { 2: 2, 3: 2, 5: 40, 6: 8, 7: 4, 11: 22, 12: 5, 13: 12, 15: 5 };
const TITLES: Record<number, string[]> = {
  2: ['示范市卫生健康局机构职能', '示范市卫生健康局领导信息'],
  3: ['示范市“十四五”卫生健康事业发展规划中期评估报告', '示范市医疗卫生服务体系规划（2026—2030年）'],
  5: ['医疗机构执业许可公示', '公共场所卫生许可公示', '放射诊疗许可公示', '医师执业注册公示', '母婴保健技术服务许可公示'],
  6: ['行政处罚决定公示', '卫生监督执法信息公示'],
  7: ['部门预算公开', '部门决算公开'],
  11: ['基本公共卫生服务项目实施情况', '家庭医生签约服务政策', '医疗救助政策解读', '城乡居民医保定点机构名单'],
  12: ['突发公共卫生事件应急预案', '传染病疫情通报', '高温中暑防范提示'],
  13: ['公共场所卫生监督抽检结果', '生活饮用水卫生监测结果', '医疗机构依法执业检查情况'],
  15: ['政府信息公开工作年度报告', '人大建议政协提案办理情况'],
};

/** A registry as a health bureau keeps it: items every month, decisions, a few fees, documents with their lifecycle. */
async function generateRegistry(ctx: Ctx, calendar: Calendar, r: () => number, from: string, today: string, agencyId: number, officer: StaffActor, reviewer: StaffActor): Promise<void> {
  const wd = (d: string, k: number) => workdaysAfter(calendar, d, k);
  const items: Parameters<typeof insertDisclosures>[3] = [];
  const decisionsRows: Record<string, unknown>[] = [];
  const feeRows: Record<string, unknown>[] = [];
  for (let month = from; month <= today; month = addDays(month, 31).slice(0, 8) + '01') {
    const m = month.slice(0, 7);
    const perMonth = 8 + Math.floor(r() * 9);
    for (let i = 0; i < perMonth; i++) {
      const category = Number(weighted(r, CATEGORY_WEIGHTS));
      const formedOn = `${m}-${String(1 + Math.floor(r() * 27)).padStart(2, '0')}`;
      if (formedOn > today) continue;
      const late = r() < 0.04;
      const publishedOn = wd(formedOn, late ? 22 + Math.floor(r() * 10) : 1 + Math.floor(r() * 12));
      const unpublished = publishedOn > today || r() < 0.02;
      items.push({
        title: `${pick(r, TITLES[category] ?? ['政府信息'])}（${m.replace('-', '年')}月）`,
        category,
        formedOn,
        channels: { website: '政府信息公开专栏', ...(r() < 0.6 ? { wechat: '健康示范' } : {}), ...(r() < 0.2 ? { weibo: '示范卫健' } : {}) },
        publishedOn: unpublished ? null : publishedOn,
        reviewedOn: unpublished && r() < 0.5 ? null : formedOn,
        reviewerId: reviewer.userId,
      });
    }
    const days = 26;
    for (let i = 0; i < 20 + Math.floor(r() * 16); i++) {
      const decidedOn = `${m}-${String(1 + Math.floor(r() * days)).padStart(2, '0')}`;
      if (decidedOn <= today) decisionsRows.push({ kind: 'licensing', subject: pick(r, ['示范市某某诊所', '示范某某宾馆', '示范市某某口腔门诊部', '某某游泳馆', '示范市某某美容店']), decidedOn, decisionNumber: `示卫许〔${m.slice(0, 4)}〕${decisionsRows.length + 1}号` });
    }
    for (let i = 0; i < 2 + Math.floor(r() * 4); i++) {
      const decidedOn = `${m}-${String(1 + Math.floor(r() * days)).padStart(2, '0')}`;
      if (decidedOn <= today) decisionsRows.push({ kind: 'punishment', subject: pick(r, ['示范市某某诊所', '某某足浴店', '示范某某药店']), decidedOn });
    }
    if (r() < 0.15) decisionsRows.push({ kind: 'enforcement', subject: '示范市某某诊所', decidedOn: `${m}-10` > today ? today : `${m}-10` });
    if (r() < 0.5) feeRows.push({ item: '预防性健康检查费', collectedOn: `${m}-15` > today ? today : `${m}-15`, amountYuan: 800 + Math.floor(r() * 40) * 100 });
  }
  // 规范性文件: two a year, the older one repealed last year, each with its 政策解读
  const year = Number(from.slice(0, 4));
  for (const [y, month, title, repeal] of [
    [year - 2, '05', '示范市医疗机构校验管理办法', `${year}-09-30`],
    [year, '04', '示范市家庭医生签约服务管理办法', null],
    [year, '10', '示范市医疗卫生机构信息公开管理实施细则', null],
    [year + 1, '03', '示范市院前医疗急救管理办法', null],
  ] as const) {
    const issuedOn = `${y}-${month}-08`;
    if (issuedOn > today) continue;
    items.push({
      title,
      category: 1,
      docKind: 'normativeDocument',
      documentNumber: `示卫规〔${y}〕${month === '04' || month === '03' ? 1 : 2}号`,
      issuedOn,
      repealedOn: repeal && repeal <= today ? repeal : null,
      formedOn: issuedOn,
      channels: { website: '规范性文件', gazette: '示范市人民政府公报' },
      publishedOn: wd(issuedOn, 3),
      reviewedOn: issuedOn,
      reviewerId: reviewer.userId,
    });
  }
  const at = clockAt(ctx, today)(today);
  await insertDisclosures(at, officer, agencyId, items.map((i) => ({ ...i, publishedOn: i.publishedOn && i.publishedOn <= today ? i.publishedOn : null })), 'demo');
  await insertRecords(at, officer, agencyId, 'decisions', decisionsRows, 'demo');
  await insertRecords(at, officer, agencyId, 'fees', feeRows, 'demo');
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** The services as used on a day (never after today). */
function clockAt(ctx: Ctx, today: string): (date: string) => Ctx {
  return (date) => ({ ...ctx, clock: fixedClock(minDate(date, today)) });
}

/** k working days after d, or a day never reached when the calendar does not cover it (the step is not taken). */
function workdaysAfter(calendar: Calendar, d: string, k: number): string {
  try {
    return addWorkdays(calendar, d, k);
  } catch {
    return '9999-12-31';
  }
}

async function generateCases(
  ctx: Ctx,
  calendar: Calendar,
  r: () => number,
  from: string,
  today: string,
  agencyId: number,
  officer: StaffActor,
  reviewer: StaffActor,
  count: number,
  created: { agencyId: number; id: string; receivedOn: string }[],
): Promise<void> {
  const days = Math.max(1, Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000));
  const at = clockAt(ctx, today);
  const wd = (d: string, k: number) => workdaysAfter(calendar, d, k);
  for (let n = 0; n < count; n++) {
    // spread over the period, a little denser towards the end
    let day = addDays(from, Math.floor(Math.sqrt(r()) * days));
    while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day = addDays(day, 1);
    if (day > today) day = today;
    const type = weighted(r, { natural: 84, commercial: 8, legal: 4, research: 1, publicInterest: 1, otherOrg: 2 });
    const org = type !== 'natural';
    const name = org ? pick(r, COMPANIES) : `${pick(r, [...SURNAMES])}${pick(r, GIVEN)}`;
    const delivery = weighted(r, { online: 45, email: 30, post: 15, pickup: 10 });
    const input = {
      agencyId,
      applicantType: type,
      applicantName: name,
      idType: org ? 'uscc' : 'idCard',
      idNumber: org ? uscc(r) : residentId(r),
      legalRepresentative: org ? `${pick(r, [...SURNAMES])}${pick(r, GIVEN)}` : undefined,
      phone: `13${Math.floor(100000000 + r() * 899999999)}`,
      email: delivery === 'email' ? `applicant${n}@example.com` : undefined,
      address: delivery === 'post' ? '示范市鼓楼区某某路1号' : undefined,
      postcode: delivery === 'post' ? '350001' : undefined,
      description: pick(r, REQUESTS),
      form: delivery === 'post' || delivery === 'pickup' ? 'paper' : 'electronic',
      delivery,
    };
    const channel = weighted(r, { online: 70, inPerson: 14, post: 10, ordinaryLetter: 3, fax: 3 });
    let app;
    try {
      app = channel === 'online' ? await submitOnline(at(day), input) : await registerApplication(at(day), officer, { ...input, channel, date: day });
    } catch (e) {
      if (e instanceof ServiceError) continue;
      throw e;
    }
    created.push({ agencyId, id: app.id, receivedOn: app.receivedOn });

    // how far this case has got by today
    const scenario = weighted<Scenario>(r, { plain: 66, correction: 10, correctionLapsed: 3, consultation: 9, extension: 9, fee: 3 });
    const step = async (action: Action, on: string, payload: Record<string, unknown>, who = officer): Promise<boolean> => {
      if (on > today) return false;
      try {
        await act(at(on), who, agencyId, app.id, action, { ...payload, on });
        return true;
      } catch (e) {
        if (e instanceof ServiceError) return false; // e.g. a year whose calendar is not entered yet
        throw e;
      }
    };
    let on = wd(day, 1 + Math.floor(r() * 2));
    if (!(await step('assign', on, { assigneeId: officer.userId }))) continue;
    if (scenario === 'correction' || scenario === 'correctionLapsed') {
      on = wd(on, 1 + Math.floor(r() * 4));
      if (!(await step('requestCorrection', on, { items: '请明确所需信息的具体名称、文号或者形成时间', periodDays: 15 }))) continue;
      if (scenario === 'correctionLapsed') {
        on = wd(on, 16);
        if (!(await step('reply', on, { decision: 'noCorrection' }))) continue;
        await step('close', wd(on, 1), {});
        continue;
      }
      on = wd(on, 2 + Math.floor(r() * 8));
      if (!(await step('receiveCorrection', on, { note: '申请人来电补充说明所需信息的文号' }))) continue;
    }
    if (scenario === 'consultation') {
      on = wd(on, 2 + Math.floor(r() * 4));
      if (!(await step('startConsultation', on, { with: 'thirdParty', party: '示范市某某医院', note: '涉及第三方商业秘密' }))) continue;
      on = wd(on, 5 + Math.floor(r() * 10));
      if (!(await step('endConsultation', on, { result: pick(r, ['agree', 'disagree', 'noReply'] as const) }))) continue;
    }
    if (scenario === 'extension') {
      on = wd(on, 10 + Math.floor(r() * 6));
      if (!(await step('requestExtension', on, { days: 15, reason: '所需信息涉及多个科室，需要检索整理' }))) continue;
      if (!(await step('approveExtension', on, { note: '同意延期' }, reviewer))) continue;
    }
    if (scenario === 'fee') {
      on = wd(on, 3);
      if (!(await step('issueFeeNotice', on, { standard: 'pages', pages: 150 }))) continue;
      on = wd(on, 3 + Math.floor(r() * 5));
      if (!(await step('recordPayment', on, { note: '已通过非税收入系统缴纳' }))) continue;
    }
    // the reply, mostly well within the limit; a few cases stay open (recent ones, or late ones)
    const lateness = scenario === 'extension' ? 18 + Math.floor(r() * 12) : 4 + Math.floor(r() * 14);
    on = wd(on, lateness);
    const decision =
      scenario === 'consultation'
        ? weighted(r, { provided: 40, partial: 30, thirdPartyRights: 30 })
        : weighted(r, {
            provided: 38,
            alreadyPublic: 10,
            partial: 8,
            notExist: 16,
            notOurs: 7,
            needsCreation: 3,
            processInfo: 3,
            internalAffairs: 2,
            enforcementFile: 1,
            endangersSafety: 1,
            complaint: 4,
            duplicate: 2,
            confirmation: 2,
            publication: 1,
            withdrawn: 2,
          });
    const reason =
      decision === 'partial'
        ? '其中涉及个人身份信息的内容已作遮盖处理。'
        : decision === 'notOurs'
          ? '该信息由示范市市场监督管理局负责公开，联系电话：0591-11111111。'
          : decision === 'publication'
            ? '该信息已刊载于《示范市人民政府公报》2025年第3期。'
            : decision === 'withdrawn'
              ? '申请人于答复前书面撤回申请，本机关不再处理。'
              : undefined;
    if (!(await step('reply', on, { decision, reason }))) continue;
    if (r() < 0.85) await step('close', wd(on, 1 + Math.floor(r() * 3)), {});
  }
}
