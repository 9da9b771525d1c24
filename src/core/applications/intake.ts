/**
 * What an application must contain (条例 Art. 29) and how each field is checked, with a Chinese message per
 * field. Shared by the public form, the staff registration form and the API.
 */
import { z } from 'zod';
import { APPLICANT_COLUMNS } from '../report/template';

/** Applicant types: the columns of table 三 (without 总计). */
export const APPLICANT_TYPES = ['natural', 'commercial', 'research', 'publicInterest', 'legal', 'otherOrg'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
export const APPLICANT_TYPE_LABELS = Object.fromEntries(
  APPLICANT_TYPES.map((t) => {
    const col = APPLICANT_COLUMNS.find((c) => c.key === t)!;
    return [t, col.organisation ? `法人或其他组织：${col.label === '其他' ? '其他组织' : col.label}` : col.label];
  }),
) as Record<ApplicantType, string>;

export const CHANNELS = ['online', 'inPerson', 'post', 'ordinaryLetter', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '互联网（网上申请）',
  inPerson: '当面提交',
  post: '邮寄（需签收）',
  ordinaryLetter: '平常信函',
  fax: '传真',
};

export const ID_TYPES = ['idCard', 'passport', 'other', 'uscc'] as const;
export const ID_TYPE_LABELS: Record<(typeof ID_TYPES)[number], string> = {
  idCard: '居民身份证',
  passport: '护照',
  other: '其他有效身份证件',
  uscc: '统一社会信用代码',
};
export const FORMS = { paper: '纸质', electronic: '电子' } as const;
export const DELIVERIES = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取', fax: '传真' } as const;

/** 18-digit resident identity number with its ISO 7064 MOD 11-2 check digit (GB 11643-1999). */
export function validResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  const check = '10X98765432'[sum % 11];
  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return check === id[17] && y >= 1900 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 18-character unified social credit code with its check character (GB 32100-2015). */
export function validUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) return false;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(code[i]), 0);
  const check = USCC_CHARS[(31 - (sum % 31)) % 31];
  return check === code[17];
}

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 字`).optional().transform((v) => (v ? v : undefined));

export const applicantSchema = z
  .object({
    applicantType: z.enum(APPLICANT_TYPES, { error: '请选择申请人类型' }),
    applicantName: text('姓名或名称', 100),
    idType: z.enum(ID_TYPES, { error: '请选择证件类型' }),
    idNumber: z.string({ error: '请填写证件号码' }).trim().toUpperCase().min(1, '请填写证件号码').max(40, '证件号码过长'),
    legalRepresentative: optionalText('法定代表人或者负责人', 50),
    contactPerson: optionalText('联系人', 50),
    phone: z
      .string({ error: '请填写联系电话' })
      .trim()
      .regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/, '请填写正确的联系电话（手机号或带区号的固定电话）'),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.email('电子邮箱格式不正确').optional()),
    address: optionalText('通信地址', 200),
    postcode: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.string().regex(/^\d{6}$/, '邮政编码应为 6 位数字').optional()),
  })
  .superRefine((a, ctx) => {
    const organisation = a.applicantType !== 'natural';
    if (organisation && a.idType !== 'uscc') ctx.addIssue({ code: 'custom', path: ['idType'], message: '法人或其他组织请填写统一社会信用代码' });
    if (!organisation && a.idType === 'uscc') ctx.addIssue({ code: 'custom', path: ['idType'], message: '自然人请选择身份证件' });
    if (a.idType === 'idCard' && !validResidentId(a.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '居民身份证号码不正确（应为 18 位，校验位有误或出生日期无效）' });
    if (a.idType === 'uscc' && !validUscc(a.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '统一社会信用代码不正确（应为 18 位，校验位有误）' });
    if (organisation && !a.legalRepresentative) ctx.addIssue({ code: 'custom', path: ['legalRepresentative'], message: '请填写法定代表人或者负责人' });
  });

export const requestSchema = z.object({
  description: z
    .string({ error: '请填写所需政府信息的名称、文号或者便于查询的其他特征性描述' })
    .trim()
    .min(5, '请描述所需政府信息的名称、文号或者便于查询的其他特征性描述（至少 5 个字）')
    .max(2000, '所需信息描述不能超过 2000 字'),
  documentNumber: optionalText('文号', 100),
  purpose: optionalText('用途', 500),
  form: z.enum(['paper', 'electronic'], { error: '请选择获取信息的形式（纸质或电子）' }),
  delivery: z.enum(['post', 'email', 'pickup', 'online', 'fax'], { error: '请选择获取信息的方式' }),
});

export const intakeSchema = z
  .object({ agencyId: z.number({ error: '请选择受理机关' }).int().positive('请选择受理机关') })
  .and(applicantSchema)
  .and(requestSchema)
  .superRefine((a, ctx) => {
    if (a.delivery === 'email' && !a.email) ctx.addIssue({ code: 'custom', path: ['email'], message: '选择电子邮件获取时，请填写电子邮箱' });
    if (a.delivery === 'post' && !a.address) ctx.addIssue({ code: 'custom', path: ['address'], message: '选择邮寄获取时，请填写通信地址' });
    if (a.delivery === 'post' && !a.postcode) ctx.addIssue({ code: 'custom', path: ['postcode'], message: '选择邮寄获取时，请填写邮政编码' });
  });

export type Intake = z.infer<typeof intakeSchema>;

/** Zod issues as { path, message } pairs for the form. */
export function fieldErrors(error: z.ZodError): { path: string; message: string }[] {
  const seen = new Set<string>();
  const out: { path: string; message: string }[] = [];
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: issue.message });
  }
  return out;
}
