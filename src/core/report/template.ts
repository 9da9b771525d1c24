/**
 * The annual report template (政府信息公开工作年度报告), both versions, declared once.
 *
 * 2019 format: 国办公开办函〔2019〕60号 (reports for 2019 and 2020).
 * 2021 format: 国办公开办函〔2021〕30号 (reports for 2021 on).
 *
 * Everything that knows a Chinese label, the order of rows and columns, or which cells add up to which, reads
 * it from here: the reader (text → data), the checks (勾稽关系), the report engine and every renderer.
 * Cells are named by their JSON path in the model of ./model.ts.
 *
 * `match` patterns are tried on "compact" text (see ../reader/normalize.ts: no whitespace, ASCII digits and
 * brackets, 、/．→ .), so they tolerate labels broken across lines and spaced-out characters.
 */
import type { Format, OtherForm } from './model';

// ---------------------------------------------------------------------------------------------------------
// Sections

export interface SectionDef {
  key: 'overview' | 'proactive' | 'applications' | 'reviewLitigation' | 'problems' | 'other';
  numeral: string;
  title: string;
  /** Other titles seen in published reports (without the numeral). */
  variants: string[];
}

export const SECTIONS: SectionDef[] = [
  { key: 'overview', numeral: '一', title: '总体情况', variants: [] },
  { key: 'proactive', numeral: '二', title: '主动公开政府信息情况', variants: [] },
  { key: 'applications', numeral: '三', title: '收到和处理政府信息公开申请情况', variants: [] },
  {
    key: 'reviewLitigation',
    numeral: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    variants: ['因政府信息公开工作被申请行政复议、提起行政诉讼情况', '因政府信息公开工作被申请行政复议提起行政诉讼情况', '政府信息公开行政复议行政诉讼情况'],
  },
  {
    key: 'problems',
    numeral: '五',
    title: '存在的主要问题及改进情况',
    variants: ['政府信息公开工作存在的主要问题及改进情况', '存在的主要问题和改进情况', '存在的问题及改进情况'],
  },
  { key: 'other', numeral: '六', title: '其他需要报告的事项', variants: [] },
];

export const REPORT_TITLE_SUFFIX = '政府信息公开工作年度报告';

// ---------------------------------------------------------------------------------------------------------
// Table 二: 主动公开政府信息情况

export type ValueKind = 'count' | 'signedCount' | 'money';

export interface ProactiveColumn {
  /** key inside the row object, e.g. "decisions" */
  key: string;
  label: string;
  variants?: string[];
  kind: ValueKind;
}

export interface ProactiveRow {
  /** key of proactive, e.g. "licensing" */
  key: string;
  label: string;
  /** pattern on the compact label cell */
  match: RegExp;
}

export interface ProactiveBlock {
  /** 第二十条第（X）项 */
  article: string;
  columns: ProactiveColumn[];
  rows: ProactiveRow[];
}

const ITEMS_2019: ProactiveColumn[] = [
  { key: 'previousItems', label: '上一年项目数量', kind: 'count' },
  { key: 'change', label: '本年增/减', variants: ['本年增减'], kind: 'signedCount' },
  { key: 'decisions', label: '处理决定数量', kind: 'count' },
];
const DECISIONS_2021: ProactiveColumn[] = [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' }];

export const PROACTIVE: Record<Format, ProactiveBlock[]> = {
  '2019': [
    {
      article: '第二十条第（一）项',
      columns: [
        { key: 'made', label: '本年新制作数量', variants: ['年新制作数量'], kind: 'count' },
        { key: 'published', label: '本年新公开数量', kind: 'count' },
        { key: 'totalPublished', label: '对外公开总数量', kind: 'count' },
      ],
      rows: [
        { key: 'regulations', label: '规章', match: /^(?:规章|政府规章|部门规章)$/ },
        { key: 'normativeDocuments', label: '规范性文件', match: /^(?:行政)?规范性文件$/ },
      ],
    },
    {
      article: '第二十条第（五）项',
      columns: ITEMS_2019,
      rows: [
        { key: 'licensing', label: '行政许可', match: /^行政许可$/ },
        { key: 'otherServices', label: '其他对外管理服务事项', match: /^其他对外管理服务事项$/ },
      ],
    },
    {
      article: '第二十条第（六）项',
      columns: ITEMS_2019,
      rows: [
        { key: 'punishment', label: '行政处罚', match: /^行政处罚$/ },
        { key: 'enforcement', label: '行政强制', match: /^行政强制$/ },
      ],
    },
    {
      article: '第二十条第（八）项',
      columns: ITEMS_2019.slice(0, 2),
      rows: [{ key: 'fees', label: '行政事业性收费', match: /^行政事业性收费$/ }],
    },
    {
      article: '第二十条第（九）项',
      columns: [
        { key: 'projects', label: '采购项目数量', kind: 'count' },
        { key: 'amount', label: '采购总金额', kind: 'money' },
      ],
      rows: [{ key: 'procurement', label: '政府集中采购', match: /^政府集中采购$/ }],
    },
  ],
  '2021': [
    {
      article: '第二十条第（一）项',
      columns: [
        { key: 'issued', label: '本年制发件数', kind: 'count' },
        { key: 'repealed', label: '本年废止件数', kind: 'count' },
        { key: 'inForce', label: '现行有效件数', variants: ['现行有效件数(历史累计)'], kind: 'count' },
      ],
      rows: [
        { key: 'regulations', label: '规章', match: /^(?:规章|政府规章|部门规章)$/ },
        { key: 'normativeDocuments', label: '行政规范性文件', match: /^(?:行政)?规范性文件$/ },
      ],
    },
    { article: '第二十条第（五）项', columns: DECISIONS_2021, rows: [{ key: 'licensing', label: '行政许可', match: /^行政许可$/ }] },
    {
      article: '第二十条第（六）项',
      columns: DECISIONS_2021,
      rows: [
        { key: 'punishment', label: '行政处罚', match: /^行政处罚$/ },
        { key: 'enforcement', label: '行政强制', match: /^行政强制$/ },
      ],
    },
    {
      article: '第二十条第（八）项',
      columns: [{ key: 'amountWan', label: '本年收费金额（单位：万元）', variants: ['本年收费金额(万元)', '本年收费金额'], kind: 'money' }],
      rows: [{ key: 'fees', label: '行政事业性收费', match: /^行政事业性收费$/ }],
    },
  ],
};

/** Header words that tell the template version of table 二 (on compact text). */
export const FORMAT_SIGNS: Record<Format, RegExp[]> = {
  '2019': [/新制作数量/, /新公开数量/, /对外公开总数量/, /上一年项目数量/, /本年增\/?减/, /采购项目数量/, /采购总金额/, /其他对外管理服务事项/, /政府集中采购/],
  '2021': [/本年制发件数/, /本年废止件数/, /现行有效件数/, /本年收费金额/, /本年处理决定数量/],
};

export function proactiveCellPath(rowKey: string, colKey: string): string {
  return `proactive.${rowKey}.${colKey}`;
}

export function proactiveCells(format: Format): { path: string; block: ProactiveBlock; row: ProactiveRow; column: ProactiveColumn }[] {
  return PROACTIVE[format].flatMap((block) =>
    block.rows.flatMap((row) => block.columns.map((column) => ({ path: proactiveCellPath(row.key, column.key), block, row, column }))),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Table 三: 收到和处理政府信息公开申请情况

export interface ApplicantColumn {
  key: string;
  label: string;
  /** how a message names the column */
  ref: string;
  /** under the 法人或其他组织 header */
  organisation: boolean;
}

export const APPLICANT_COLUMNS: ApplicantColumn[] = [
  { key: 'natural', label: '自然人', ref: '自然人列', organisation: false },
  { key: 'commercial', label: '商业企业', ref: '商业企业列', organisation: true },
  { key: 'research', label: '科研机构', ref: '科研机构列', organisation: true },
  { key: 'publicInterest', label: '社会公益组织', ref: '社会公益组织列', organisation: true },
  { key: 'legal', label: '法律服务机构', ref: '法律服务机构列', organisation: true },
  { key: 'otherOrg', label: '其他', ref: '其他（法人或其他组织）列', organisation: true },
  { key: 'total', label: '总计', ref: '总计列', organisation: false },
];
export const TOTAL_COLUMN = 6;
export const APPLICANT_HEADER = { applicant: '申请人情况', organisations: '法人或其他组织' };
export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export type AppRole = 'received' | 'carriedOver' | 'outcome' | 'total' | 'carriedForward';

export interface AppGroup {
  key: string;
  label: string;
}

export const APP_GROUPS = {
  results: { key: 'results', label: '三、本年度办理结果' },
  withheld: { key: 'withheld', label: '（三）不予公开' },
  unavailable: { key: 'unavailable', label: '（四）无法提供' },
  notProcessed: { key: 'notProcessed', label: '（五）不予处理' },
  other: { key: 'other', label: '（六）其他处理' },
} satisfies Record<string, AppGroup>;

export interface AppRowDef {
  /** path of the row array, e.g. "applications.withheld.stateSecret" */
  path: string;
  /** the row's own label cell, as printed in the template */
  label: string;
  /** how a message names the row, in the report's own words */
  ref: string;
  role: AppRole;
  /** enclosing header cells, outermost first */
  groups: AppGroup[];
  /** sub-row number inside its group (1., 2., …), when it has one */
  no?: number;
  /** which (六) layout the row belongs to; absent = both */
  otherForm?: OtherForm;
  /** pattern on compact text that identifies the row's label */
  match: RegExp;
}

const G = APP_GROUPS;
const results = [G.results];

/** The numbered sub-rows (1., 2., …) of a group of 三、本年度办理结果: [key, label text, pattern] each. */
function subRows(group: AppGroup, rows: readonly (readonly [string, string, RegExp])[], otherForm?: OtherForm): AppRowDef[] {
  return rows.map(([key, text, match], i) => ({
    path: `applications.${group.key}.${key}`,
    label: `${i + 1}.${text}`,
    ref: `三、${group.label} ${i + 1}.${text}`,
    role: 'outcome',
    groups: [G.results, group],
    no: i + 1,
    ...(otherForm ? { otherForm } : {}),
    match,
  }));
}

export const APP_ROWS: AppRowDef[] = [
  { path: 'applications.received', label: '一、本年新收政府信息公开申请数量', ref: '一、本年新收政府信息公开申请数量', role: 'received', groups: [], match: /本年(?:度)?新收/ },
  { path: 'applications.carriedOver', label: '二、上年结转政府信息公开申请数量', ref: '二、上年结转政府信息公开申请数量', role: 'carriedOver', groups: [], match: /上年(?:度)?结转/ },
  { path: 'applications.disclosed', label: '（一）予以公开', ref: '三、（一）予以公开', role: 'outcome', groups: results, match: /予以公开/ },
  {
    path: 'applications.partial',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    ref: '三、（二）部分公开',
    role: 'outcome',
    groups: results,
    match: /部分公开/,
  },
  ...subRows(G.withheld, [
    ['stateSecret', '属于国家秘密', /国家秘密/],
    ['prohibitedByLaw', '其他法律行政法规禁止公开', /法律行政法规禁止|其他法律.{0,6}公开|行政法规禁止|禁止公开/],
    ['endangersSafety', '危及“三安全一稳定”', /三安全一稳定|危及/],
    ['thirdPartyRights', '保护第三方合法权益', /第三方合法权益|保护第三方/],
    ['internalAffairs', '属于三类内部事务信息', /三类内[部容]事务|内部事务信息/],
    ['processInfo', '属于四类过程性信息', /过程性信息|四类过程/],
    ['enforcementFile', '属于行政执法案卷', /行政执法案卷|执法案卷/],
    ['administrativeQuery', '属于行政查询事项', /行政查询事项|查询事项/],
  ]),
  ...subRows(G.unavailable, [
    ['notHeld', '本机关不掌握相关政府信息', /不掌握/],
    ['needsCreation', '没有现成信息需要另行制作', /没有现成信息|另行制作/],
    ['unclear', '补正后申请内容仍不明确', /仍不明确|补正后申请/],
  ]),
  ...subRows(G.notProcessed, [
    ['complaint', '信访举报投诉类申请', /信访|举报投诉/],
    ['duplicate', '重复申请', /重复申请/],
    ['publication', '要求提供公开出版物', /公开出版物/],
    ['excessive', '无正当理由大量反复申请', /大量反复/],
    ['confirmation', '要求行政机关确认或重新出具已获取信息', /重新出具|确认或重新/],
  ]),
  { path: 'applications.other', label: '（六）其他处理', ref: '三、（六）其他处理', role: 'outcome', groups: results, otherForm: 'single', match: /其他处理/ },
  ...subRows(
    G.other,
    [
      ['noCorrection', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', /逾期不补正|不补正/],
      ['feeUnpaid', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', /收费通知|缴纳费用/],
      ['other', '其他', /(?:^|[^\d])3\.?其他$|^其他$/],
    ],
    'split',
  ),
  { path: 'applications.total', label: '（七）总计', ref: '三、（七）总计', role: 'total', groups: results, match: /\(七\)(?:总计|合计)|^(?:总计|合计)$/ },
  {
    path: 'applications.carriedForward',
    label: '四、结转下年度继续办理',
    ref: '四、结转下年度继续办理',
    role: 'carriedForward',
    groups: [],
    match: /结转下一?年度|下年度继续办理|转下年度/,
  },
];

/** The rows of table 三 for one layout of (六). */
export function appRows(otherForm: OtherForm): AppRowDef[] {
  return APP_ROWS.filter((r) => !r.otherForm || r.otherForm === otherForm);
}

export function appRowByPath(path: string): AppRowDef | undefined {
  return APP_ROWS.find((r) => r.path === path);
}

export function appCellPath(row: AppRowDef | string, column: number): string {
  return `${typeof row === 'string' ? row : row.path}[${column}]`;
}

// ---------------------------------------------------------------------------------------------------------
// Table 四: 政府信息公开行政复议、行政诉讼情况

export interface ReviewGroupDef {
  key: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';
  /** header cells, outermost first */
  header: string[];
  ref: string;
}

export const REVIEW_GROUPS: ReviewGroupDef[] = [
  { key: 'reconsideration', header: ['行政复议'], ref: '行政复议' },
  { key: 'litigationDirect', header: ['行政诉讼', '未经复议直接起诉'], ref: '行政诉讼（未经复议直接起诉）' },
  { key: 'litigationAfterReconsideration', header: ['行政诉讼', '复议后起诉'], ref: '行政诉讼（复议后起诉）' },
];

export const REVIEW_COLUMNS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;

/**
 * Words of table 四's header (compact), used to find the table. Single words, not "结果维持": PDF layout
 * often scrambles the vertically set header ("结果结果其他尚未…维持纠正结果审结").
 */
export const REVIEW_HEADER_SIGNS = [/行政复议/, /行政诉讼/, /维持/, /纠正/, /审结|尚未/, /直接起诉/, /复议后起诉/];
export const REVIEW_HEADER_MIN_SIGNS = 5;

export function reviewCellPath(group: string, column: string): string {
  return `reviewLitigation.${group}.${column}`;
}

/** The 15 cells of table 四 in printed order. */
export function reviewCells(): { path: string; group: ReviewGroupDef; column: (typeof REVIEW_COLUMNS)[number] }[] {
  return REVIEW_GROUPS.flatMap((group) => REVIEW_COLUMNS.map((column) => ({ path: reviewCellPath(group.key, column.key), group, column })));
}

// ---------------------------------------------------------------------------------------------------------
// Naming cells in messages, in the report's own words

export function describeCell(path: string): string {
  const app = /^(applications\.[a-zA-Z.]+)\[(\d)\]$/.exec(path);
  if (app) {
    const row = appRowByPath(app[1]);
    const col = APPLICANT_COLUMNS[Number(app[2])];
    if (row && col) return `${row.ref}，${col.ref}`;
  }
  const rev = /^reviewLitigation\.(\w+)\.(\w+)$/.exec(path);
  if (rev) {
    const group = REVIEW_GROUPS.find((g) => g.key === rev[1]);
    const col = REVIEW_COLUMNS.find((c) => c.key === rev[2]);
    if (group && col) return `${group.ref}，${col.label}`;
  }
  const pro = /^proactive\.(\w+)\.(\w+)$/.exec(path);
  if (pro) {
    for (const format of ['2021', '2019'] as const) {
      for (const block of PROACTIVE[format]) {
        const row = block.rows.find((r) => r.key === pro[1]);
        const col = block.columns.find((c) => c.key === pro[2]);
        if (row && col) return `${block.article} ${row.label}，${col.label}`;
      }
    }
  }
  return path;
}

/** The parts of a report a finding may point at other than a cell or a line (report-model.md, "Findings"). */
const REPORT_PARTS: Record<string, string> = { format: '模板版本', year: '报告年度', agency: '机关名称' };

/**
 * Where a finding points, in words for its reader (the supervisor's audit table, its workbook): the cell in the
 * report's own words, "正文第 N 行" for a line of the text, or the part of the report; an unknown path as is.
 */
export function describeWhere(where: string): string {
  const line = /^line (\d+)$/.exec(where);
  if (line) return `正文第 ${line[1]} 行`;
  if (REPORT_PARTS[where]) return REPORT_PARTS[where];
  const cell = describeCell(where);
  return cell !== where ? cell : describeAppRow(where);
}

/** Short name of a row of table 三 (for messages about a whole row). */
export function describeAppRow(path: string): string {
  return appRowByPath(path)?.ref ?? path;
}
