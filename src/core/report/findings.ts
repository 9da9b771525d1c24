/**
 * Findings: what reading or checking a report says about it (report-model.md, "Findings").
 * Rule ids are stable: the UI, the API and saved audits refer to them.
 */
export type Severity = 'error' | 'warning' | 'info';

/** The Chinese name of each severity, shown to users (web app and CLI). */
export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** for the user, in Chinese */
  message: string;
  /** JSON path into the report, or "line N" of the source text */
  where: string;
}

/** Every rule, with the Chinese name shown to users. */
export const RULES = {
  // 勾稽关系 (domain.md §5)
  'applications.balance': '表三：第一项加第二项之和等于第三项加第四项之和',
  'applications.rowTotal': '表三：总计等于自然人与法人或其他组织各列之和',
  'applications.columnTotal': '表三：（七）总计等于各项办理结果之和',
  'reviewLitigation.total': '表四：总计等于结果维持、结果纠正、其他结果、尚未审结之和',
  'applications.carryOver': '跨年度：本年“上年结转”等于上年“结转下年度继续办理”',
  'values.nonNegative': '数值应为非负数',
  'values.integer': '件数应为整数',
  'check.undecided': '因数据缺失无法判定的勾稽关系',
  'report.format': '模板版本与报告年度相符',
  // checks on table 二 that follow from the meaning of its columns
  'proactive.publishedWithinTotal': '表二：本年新公开数量不应超过对外公开总数量',
  'proactive.inForceAtLeastIssued': '表二：现行有效件数不应少于本年制发件数（至少不少于制发减废止）',
  'proactive.continuity': '跨年度：表二项目数量前后衔接',
  // text vs tables (rule 6)
  'narrative.received': '正文所述收到申请数与表三一致',
  'narrative.outcome': '正文所述办理结果数与表三一致',
  'narrative.share': '正文所述占比与数量一致',
  'narrative.partsExceedWhole': '正文所列分项之和不超过总数',
  'narrative.statedTotals': '正文前后所述同一数量一致',
  'narrative.proactiveItems': '正文所述主动公开事项数与表二一致',
  'narrative.reviewLitigation': '正文所述行政复议、行政诉讼数与表四一致',
  'narrative.placeholder': '正文没有留下未填写的模板内容（“（请补充：…）”等提示语、“XX”等空白）',
  // reading
  'read.file': '文件无法读取',
  'read.notReport': '不是政府信息公开工作年度报告',
  'read.agency': '报告机关',
  'read.year': '报告年度',
  'read.format': '模板版本',
  'read.tableMissing': '缺少表格',
  'read.rowMissing': '缺少表格行',
  'read.restored': '依勾稽关系推定的单元格',
  'read.blankAsZero': '空白单元格按 0 读取',
  'read.blankUnknown': '空白单元格无法确定',
  'read.cellLost': '单元格无法读取',
  'read.extraValues': '表格行中多出的数值',
  'read.encoding': '文本编码',
  'read.ocr': '扫描件经文字识别（OCR）读取',
  'read.limit': '超出读取上限而未读取的内容',
  'file.unreadable': '文件损坏或过于复杂，无法读取',
} as const;

export type RuleId = keyof typeof RULES;

export function finding(rule: RuleId, severity: Severity, message: string, where: string): Finding {
  return { rule, severity, message, where };
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}
