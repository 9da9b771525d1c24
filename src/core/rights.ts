/**
 * Who may do what, and where: every action of the back office in one declarative table — the roles that may
 * take it and the agencies it reaches. The services check it (src/services/agencies.ts `assertAllowed`), the
 * web app shows and hides its buttons from it (GET /api/meta `rights`), and test/http/rights-matrix.test.ts
 * drives every route with every role on its own agency and another one, and expects what this table says.
 *
 * Scopes:
 *  - `public`: anyone, signed in or not (the portal);
 *  - `signedIn`: any staff member; the action concerns no agency's records, or only the actor's own;
 *  - `own`: staff of the agency itself, with one of the roles;
 *  - `ownOrSupervised`: as `own`, and also a supervisor (监督人员, 政务公开办) of an agency above it in the tree,
 *    when the right lists the supervisor role (supervisors read the agencies below their own, change nothing);
 *  - `platform`: staff with one of the roles at a top-level agency (the platform's own office).
 *
 * The steps of a case each have their own roles, in TRANSITIONS of src/core/applications/workflow.ts (the
 * table of rights of the case workflow): `application.act` lets a user into the case's steps at all, and the
 * state machine then checks the step. The steps of a registry item likewise take their roles from
 * DISCLOSURE_STEP_ROLES of src/core/registry/categories.ts.
 *
 * Separate from the rights, the four-eyes principle (四眼原则): whoever requested an extension, did the
 * secrecy review of a registry item, approved it, or submitted an annual report cannot also take the next
 * step on it, unless the agency's administrator allowed it for a one-person office (AgencyContact
 * `allowSingleOfficer`); each such step is marked `fourEyesWaived` in the audit trail.
 */
import { ACTIONS, ROLES, ROLE_LABELS, TRANSITIONS, type Role } from './applications/workflow';
import { DISCLOSURE_STEP_ROLES } from './registry/categories';

export type Scope = 'public' | 'signedIn' | 'own' | 'ownOrSupervised' | 'platform';

export interface Right {
  /** what the action is, as the user is told (Chinese) */
  label: string;
  /** the roles that may take it (empty for `public`) */
  roles: readonly Role[];
  scope: Scope;
}

const ALL = ROLES;
const WORK: readonly Role[] = ['officer', 'admin'];
const stepRoles = (step: keyof typeof DISCLOSURE_STEP_ROLES) => DISCLOSURE_STEP_ROLES[step] as readonly Role[];
/** whoever may take at least one step of a case (each step's roles: TRANSITIONS) */
const CASE_WORKERS = ROLES.filter((r) => ACTIONS.some((a) => TRANSITIONS[a].roles.includes(r)));

export const RIGHTS = {
  // the portal and the session
  public: { label: '公众服务', roles: [], scope: 'public' },
  'session.self': { label: '本人账号（当前用户、修改密码）', roles: ALL, scope: 'signedIn' },

  // 依申请公开
  'application.read': { label: '查看申请', roles: ALL, scope: 'ownOrSupervised' },
  'application.register': { label: '登记申请', roles: WORK, scope: 'own' },
  'application.act': { label: '办理申请（各步骤的角色见办理流程）', roles: CASE_WORKERS, scope: 'own' },
  'application.attach': { label: '上传申请附件', roles: WORK, scope: 'own' },
  'colleague.read': { label: '查看本机关工作人员', roles: ALL, scope: 'signedIn' },

  // 行政复议、行政诉讼
  'reviewCase.read': { label: '查看复议诉讼案件', roles: ALL, scope: 'ownOrSupervised' },
  'reviewCase.write': { label: '登记复议诉讼案件', roles: WORK, scope: 'own' },

  // 主动公开
  'disclosure.read': { label: '查看主动公开事项', roles: ALL, scope: 'ownOrSupervised' },
  'disclosure.write': { label: '登记、修改主动公开事项', roles: WORK, scope: 'own' },
  'disclosure.secrecyReview': { label: '保密审查', roles: stepRoles('secrecyReview'), scope: 'own' },
  'disclosure.approve': { label: '审核批准', roles: stepRoles('approve'), scope: 'own' },
  'disclosure.publish': { label: '发布', roles: stepRoles('publish'), scope: 'own' },
  'disclosure.repeal': { label: '废止', roles: stepRoles('repeal'), scope: 'own' },
  'disclosure.withdraw': { label: '撤回', roles: stepRoles('withdraw'), scope: 'own' },
  'record.read': { label: '查看行政决定、收费、事项、采购记录与统计', roles: ALL, scope: 'ownOrSupervised' },
  'record.write': { label: '登记、导入行政决定、收费、事项、采购记录', roles: WORK, scope: 'own' },
  'importTemplate.read': { label: '下载导入模板', roles: ALL, scope: 'signedIn' },
  'guide.read': { label: '查看公开指南', roles: ALL, scope: 'ownOrSupervised' },
  'guide.write': { label: '修改公开指南', roles: ['admin', 'reviewer'], scope: 'own' },

  // 年度报告
  'report.read': { label: '查看年度报告、草稿与已发布版本的文件', roles: ALL, scope: 'ownOrSupervised' },
  'report.write': { label: '编写、提交、发布、导入年度报告', roles: WORK, scope: 'own' },
  'report.review': { label: '审核年度报告（通过或退回）', roles: ['reviewer'], scope: 'own' },
  'supervision.read': { label: '监督检查所辖机关的年度报告', roles: ['supervisor'], scope: 'ownOrSupervised' },
  'supervision.write': { label: '监督检查：上传、核对、整改', roles: ['supervisor'], scope: 'own' },

  // 设置
  'agency.read': { label: '查看机关信息', roles: ALL, scope: 'ownOrSupervised' },
  'agency.write': { label: '修改机关信息与设置', roles: ['admin'], scope: 'own' },
  'template.read': { label: '查看通知书模板', roles: ALL, scope: 'ownOrSupervised' },
  'template.write': { label: '修改通知书模板', roles: ['admin', 'reviewer'], scope: 'own' },
  'user.manage': { label: '管理本机关账号', roles: ['admin'], scope: 'own' },
  'calendar.read': { label: '查看节假日安排', roles: ALL, scope: 'signedIn' },
  'calendar.write': { label: '录入节假日安排', roles: ['admin'], scope: 'platform' },
} as const satisfies Record<string, Right>;

export type RightKey = keyof typeof RIGHTS;

/** The registry item's steps, by their right. */
export const DISCLOSURE_STEP_RIGHTS = {
  secrecyReview: 'disclosure.secrecyReview',
  approve: 'disclosure.approve',
  publish: 'disclosure.publish',
  repeal: 'disclosure.repeal',
  withdraw: 'disclosure.withdraw',
} as const satisfies Record<keyof typeof DISCLOSURE_STEP_ROLES, RightKey>;

/** Who is acting (null: nobody signed in). */
export interface Subject {
  agencyId: number;
  roles: readonly Role[];
}

/** Where: the agency acted on, seen from the subject. */
export interface Place {
  agencyId: number;
  /** the agency is below the subject's own in the tree */
  supervised: boolean;
  /** the subject's own agency is a top-level one */
  subjectTopLevel: boolean;
}

export type Refusal = { reason: 'signIn' | 'agency' | 'role' | 'platform'; message: string };

/** null when the right allows the subject to act on the place; otherwise why not (Chinese). */
export function refusal(key: RightKey, subject: Subject | null, place?: Place): Refusal | null {
  const right: Right = RIGHTS[key];
  if (right.scope === 'public') return null;
  if (!subject) return { reason: 'signIn', message: '请先登录' };
  const hasRole = subject.roles.some((r) => right.roles.includes(r));
  const roleRefusal: Refusal = { reason: 'role', message: `需要以下角色之一：${right.roles.map((r) => ROLE_LABELS[r]).join('、')}` };
  switch (right.scope) {
    case 'signedIn':
      return hasRole ? null : roleRefusal;
    case 'platform':
      if (!place?.subjectTopLevel || !hasRole) return { reason: 'platform', message: `“${right.label}”仅限平台管理员（顶级机关的${right.roles.map((r) => ROLE_LABELS[r]).join('、')}）` };
      return null;
    case 'own':
      if (!place || place.agencyId !== subject.agencyId) return { reason: 'agency', message: '只能办理本机关的事项' };
      return hasRole ? null : roleRefusal;
    case 'ownOrSupervised': {
      const own = place !== undefined && place.agencyId === subject.agencyId;
      const supervising = place !== undefined && place.supervised && subject.roles.includes('supervisor') && right.roles.includes('supervisor');
      if (!own && !supervising) return { reason: 'agency', message: '无权查看其他机关的数据' };
      return hasRole ? null : roleRefusal;
    }
  }
}

export function allows(key: RightKey, subject: Subject | null, place?: Place): boolean {
  return refusal(key, subject, place) === null;
}

/**
 * Every route of the API and the right it needs (the routes' services check it; test/http/rights-matrix.test.ts
 * fails for a route missing here). A route whose right depends on a parameter names the parameter: the
 * registry item's steps (`:step`, DISCLOSURE_STEP_RIGHTS).
 */
export const ROUTE_RIGHTS: Record<string, RightKey | { param: 'step'; rights: Record<string, RightKey> }> = {
  'GET /api/meta': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'session.self',
  'POST /api/auth/password': 'session.self',

  'GET /api/public/agencies': 'public',
  'POST /api/public/applications': 'public',
  'GET /api/public/track/:code': 'public',
  'POST /api/public/track/:code/correction': 'public',
  'GET /api/public/track/:code/letters/:id': 'public',
  'GET /api/public/agencies/:agencyId/catalogue': 'public',
  'GET /api/public/agencies/:agencyId/guide': 'public',
  'GET /api/public/agencies/:agencyId/reports': 'public',
  'GET /api/public/agencies/:agencyId/reports/:year': 'public',
  'GET /api/public/agencies/:agencyId/reports/:year/page': 'public',
  'GET /api/public/agencies/:agencyId/reports/:year/download/:kind': 'public',

  'GET /api/agencies/:agencyId/applications': 'application.read',
  'GET /api/agencies/:agencyId/waiting': 'application.read',
  'POST /api/agencies/:agencyId/applications': 'application.register',
  'GET /api/agencies/:agencyId/applications/:id': 'application.read',
  'POST /api/agencies/:agencyId/applications/:id/actions/:action': 'application.act',
  'POST /api/agencies/:agencyId/applications/:id/preview/:action': 'application.act',
  'POST /api/agencies/:agencyId/applications/:id/attachments': 'application.attach',
  'GET /api/agencies/:agencyId/applications/:id/attachments/:attachmentId': 'application.read',
  'GET /api/colleagues': 'colleague.read',

  'GET /api/agencies/:agencyId/review-cases': 'reviewCase.read',
  'POST /api/agencies/:agencyId/review-cases': 'reviewCase.write',
  'PUT /api/agencies/:agencyId/review-cases/:id': 'reviewCase.write',

  'GET /api/agencies/:agencyId/users': 'user.manage',
  'POST /api/agencies/:agencyId/users': 'user.manage',
  'PATCH /api/users/:id': 'user.manage',
  'POST /api/users/:id/unlock': 'user.manage',
  'GET /api/calendar': 'calendar.read',
  'PUT /api/calendar/:year': 'calendar.write',
  'POST /api/calendar/notice': 'calendar.write',
  'GET /api/agencies/:agencyId/letter-template': 'template.read',
  'PUT /api/agencies/:agencyId/letter-template': 'template.write',
  'GET /api/agencies/:agencyId/notice-templates': 'template.read',
  'PUT /api/agencies/:agencyId/notice-templates/:kind': 'template.write',
  'GET /api/agencies/:agencyId': 'agency.read',
  'PUT /api/agencies/:agencyId/contact': 'agency.write',

  'GET /api/agencies/:agencyId/disclosures': 'disclosure.read',
  'POST /api/agencies/:agencyId/disclosures': 'disclosure.write',
  'PUT /api/agencies/:agencyId/disclosures/:id': 'disclosure.write',
  'POST /api/agencies/:agencyId/disclosures/import': 'disclosure.write',
  'POST /api/agencies/:agencyId/disclosures/:id/:step': { param: 'step', rights: DISCLOSURE_STEP_RIGHTS },
  'GET /api/agencies/:agencyId/registry-stats': 'record.read',
  'GET /api/agencies/:agencyId/records/:kind': 'record.read',
  'POST /api/agencies/:agencyId/records/:kind': 'record.write',
  'POST /api/agencies/:agencyId/records/:kind/import': 'record.write',
  'PUT /api/agencies/:agencyId/records/:kind/:id': 'record.write',
  'DELETE /api/agencies/:agencyId/records/:kind/:id': 'record.write',
  'GET /api/import-templates/:kind': 'importTemplate.read',
  'GET /api/agencies/:agencyId/guide': 'guide.read',
  'PUT /api/agencies/:agencyId/guide': 'guide.write',

  'GET /api/agencies/:agencyId/reports': 'report.read',
  'GET /api/agencies/:agencyId/reports/:year': 'report.read',
  'PUT /api/agencies/:agencyId/reports/:year/sections': 'report.write',
  'POST /api/agencies/:agencyId/reports/:year/submit': 'report.write',
  'POST /api/agencies/:agencyId/reports/:year/approve': 'report.review',
  'POST /api/agencies/:agencyId/reports/:year/return': 'report.review',
  'POST /api/agencies/:agencyId/reports/:year/publish': 'report.write',
  'GET /api/agencies/:agencyId/reports/:year/cells': 'report.read',
  'GET /api/agencies/:agencyId/reports/:year/draft.:kind': 'report.read',
  'GET /api/agencies/:agencyId/reports/:year/versions/:version/:kind': 'report.read',
  'POST /api/agencies/:agencyId/reports/import': 'report.write',
  'POST /api/agencies/:agencyId/reports/import/confirm': 'report.write',
  'GET /api/supervision': 'supervision.read',
  'GET /api/supervision/findings': 'supervision.read',
  'GET /api/supervision/findings/context': 'supervision.read',
  'POST /api/supervision/findings/decide': 'supervision.write',
  'POST /api/supervision/findings/undecide': 'supervision.write',
  'GET /api/supervision/corrections': 'supervision.read',
  'POST /api/supervision/corrections': 'supervision.write',
  'GET /api/supervision/rectifications': 'supervision.read',
  'POST /api/supervision/rectifications': 'supervision.write',
  'GET /api/supervision/rectifications/:id': 'supervision.read',
  'GET /api/supervision/rectifications/:id/notice.docx': 'supervision.read',
  'POST /api/supervision/rectifications/:id/corrected': 'supervision.write',
  'GET /api/supervision/rectifications/:id/comparison': 'supervision.read',
  'GET /api/supervision/comparison': 'supervision.read',
  'GET /api/supervision/export.xlsx': 'supervision.read',
  'POST /api/supervision/batches': 'supervision.write',
  'GET /api/supervision/batches': 'supervision.read',
  'GET /api/supervision/batches/:id': 'supervision.read',
  'PUT /api/supervision/files/:id/match': 'supervision.write',
  'DELETE /api/supervision/files/:id': 'supervision.write',
  'GET /api/supervision/files/:id/original': 'supervision.read',
  'GET /api/supervision/collection': 'supervision.read',
  'PUT /api/supervision/deadlines': 'supervision.write',
};

/** The table as the web app receives it (GET /api/meta). */
export function rightsForWeb(): Record<RightKey, { label: string; roles: Role[]; scope: Scope }> {
  return Object.fromEntries(Object.entries(RIGHTS).map(([k, r]) => [k, { label: r.label, roles: [...r.roles], scope: r.scope }])) as Record<RightKey, { label: string; roles: Role[]; scope: Scope }>;
}
