/**
 * Labels of the codes a case's steps, attachments and history carry that are not workflow states or actions
 * (those are in ./workflow.ts): one place for the server and the web app (which imports this file).
 */

/** ACTION_SCHEMAS.startConsultation.with */
export const CONSULT_WITH: Record<string, string> = {
  thirdParty: '第三方（条例第三十二条）',
  otherAgency: '其他机关（条例第三十四条）',
};

/** ACTION_SCHEMAS.endConsultation.result */
export const CONSULT_RESULTS: Record<string, string> = {
  agree: '同意公开',
  disagree: '不同意公开',
  noReply: '逾期未提出意见',
};

/** ACTION_SCHEMAS.issueFeeNotice.standard (《政府信息公开信息处理费管理办法》) */
export const FEE_STANDARDS: Record<string, string> = {
  count: '按件计收',
  pages: '按量计收',
};

/** attachment kinds (src/services/uploads.ts, plus the reply letter) */
export const ATTACHMENT_KINDS: Record<string, string> = {
  idCopy: '身份证明',
  supporting: '其他材料',
  correction: '补正材料',
  providedInformation: '提供的政府信息',
  consultation: '征求意见材料',
  other: '其他',
  replyLetter: '答复书',
  notice: '通知书',
};

/** kinds staff may upload to a case (STAFF_KINDS in src/services/uploads.ts) */
export const STAFF_UPLOAD_KINDS = ['providedInformation', 'supporting', 'correction', 'consultation', 'other'];

/** the extension request of a case */
export const EXTENSION_STATES: Record<string, string> = {
  none: '未申请延期',
  requested: '延期申请待审核',
  approved: '已批准延期',
  rejected: '延期申请未获批准',
};

/** audit actions that are not workflow steps (those come from /api/meta actions) */
export const AUDIT_ACTIONS: Record<string, string> = {
  submit: '网上提交申请',
  register: '登记申请',
  attach: '上传附件',
  create: '新建',
  update: '修改',
};

/** names of the fields of an application and of a step's data, for the timeline and the audit history */
export const FIELD_LABELS: Record<string, string> = {
  status: '状态',
  notice: '出具文书',
  assigneeId: '承办人',
  assigneeName: '承办人',
  outcome: '处理结果',
  outcomeBasis: '法律依据',
  replyText: '答复书正文',
  repliedOn: '答复日期',
  closedOn: '办结日期',
  feeYuan: '信息处理费（元）',
  applicantType: '申请人类型',
  applicantName: '申请人姓名或名称',
  idType: '证件类型',
  idNumber: '证件号码',
  legalRepresentative: '法定代表人或者负责人',
  contactPerson: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  postcode: '邮政编码',
  description: '所需政府信息',
  documentNumber: '文号',
  purpose: '用途',
  form: '获取信息的形式',
  delivery: '获取信息的方式',
  channel: '申请方式',
  receivedOn: '收到申请日期',
  receiptReason: '收到日期的依据',
  trackingCode: '查询码',
  items: '需要补正的事项',
  periodDays: '补正期限（工作日）',
  dueOn: '补正截止日期',
  note: '备注',
  text: '补正内容',
  by: '提交人',
  with: '征求意见对象',
  party: '征求意见对象名称',
  result: '意见结果',
  days: '延长天数（工作日）',
  reason: '说明',
  standard: '收费标准',
  pages: '页数',
  fee: '信息处理费（元）',
  payBy: '缴费截止日期',
  countInMonth: '本月第几件申请',
  decision: '处理结果',
  filename: '文件名',
  kind: '类别',
  attachmentId: '附件编号',
  on: '日期',
  active: '启用',
  roles: '角色',
  passwordReset: '重置密码',
};
