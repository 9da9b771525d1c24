/**
 * The written notices of a case (告知书, 函, 答复书): every step the law requires to be told in writing
 * produces one, from the agency's template of its kind (or the default here), filled with plain strings the
 * caller gives, numbered with the agency's 文号 when issued. This is the ONE table of notice definitions: the
 * reply letter (答复书) is the kind 'reply'. Pure: no I/O (the web app imports it too).
 *
 * A template is plain text, one paragraph a line: the first line is the title, the line {{文号}} the number,
 * the line ending in "：" the salutation, the last two lines the signature (agency, date).
 */

import { decisionByKey } from './decisions';

const 条例 = '《中华人民共和国政府信息公开条例》';
const 办法 = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

export const NOTICE_KEYS = ['correction', 'extension', 'consultation', 'fee', 'reasonsRequest', 'deferral', 'reply', 'notProcessed'] as const;
export type NoticeKind = (typeof NOTICE_KEYS)[number];

/** Placeholders every kind may use (the caller always gives them; 文号 is filled when the notice is issued). */
export const COMMON_PLACEHOLDERS = ['申请人', '收到日期', '申请编号', '申请内容', '文号', '机关名称', '发文日期'] as const;

export interface NoticeKindDef {
  key: NoticeKind;
  title: string;
  /** the article the notice rests on */
  article: string;
  /** shown on the public tracking page (and downloadable there) */
  public: boolean;
  /** every placeholder a template of this kind may use (the common ones first) */
  placeholders: readonly string[];
  /** placeholders a template must keep (what the law requires the notice to say) */
  required: readonly { name: string; why: string }[];
  /** the default template */
  template: string;
  /** sample values for the template editor's preview */
  sample: Readonly<Record<string, string>>;
}

const COMMON_SAMPLE = {
  申请人: '张三',
  收到日期: '2026年3月2日',
  申请编号: '3-7KQ2M9XDPA',
  申请内容: '本局2025年行政许可决定目录',
  文号: '示范卫健依申〔2026〕1号',
  机关名称: '示范市卫生健康局',
  发文日期: '2026年3月4日',
};

const REMEDIES_SAMPLE = '如对本答复不服，可以自收到本答复之日起六十日内向示范市人民政府申请行政复议，或者自收到本答复之日起六个月内向示范市人民法院提起行政诉讼。';

const opening = '本机关于{{收到日期}}收到您提出的政府信息公开申请（申请编号：{{申请编号}}），申请获取“{{申请内容}}”。';

const kinds: NoticeKindDef[] = [
  {
    key: 'correction',
    title: '政府信息公开申请补正告知书',
    article: `${条例}第三十条`,
    public: true,
    placeholders: [...COMMON_PLACEHOLDERS, '补正事项', '补正期限'],
    required: [
      { name: '补正事项', why: '应当一次性告知申请人作出补正，说明需要补正的事项（条例第三十条）' },
      { name: '补正期限', why: '应当告知合理的补正期限（条例第三十条）' },
    ],
    template: `政府信息公开申请补正告知书
{{文号}}
{{申请人}}：
${opening}经审查，您的申请内容不明确。根据${条例}第三十条的规定，请您对申请作出补正，需要补正的事项如下：
{{补正事项}}
请您于{{补正期限}}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。
特此告知。
{{机关名称}}
{{发文日期}}`,
    sample: { 补正事项: '请写明所需行政许可决定的类别和作出时间的大致范围。', 补正期限: '2026年3月25日' },
  },
  {
    key: 'extension',
    title: '政府信息公开申请延期答复告知书',
    article: `${条例}第三十三条第二款`,
    public: true,
    placeholders: [...COMMON_PLACEHOLDERS, '延长天数', '延期理由', '延长后期限'],
    required: [
      { name: '延长天数', why: '应当告知延长的期限，最长不得超过20个工作日（条例第三十三条第二款）' },
      { name: '延长后期限', why: '应当告知延长后的答复期限（条例第三十三条第二款）' },
    ],
    template: `政府信息公开申请延期答复告知书
{{文号}}
{{申请人}}：
${opening}因{{延期理由}}，本机关不能在规定的期限内作出答复。根据${条例}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长天数}}个工作日，本机关将于{{延长后期限}}前作出答复。
特此告知。
{{机关名称}}
{{发文日期}}`,
    sample: { 延长天数: '20', 延期理由: '所需信息涉及多个年度的档案，需要检索整理', 延长后期限: '2026年4月28日' },
  },
  {
    key: 'consultation',
    title: '政府信息公开征求意见函',
    article: `${条例}第三十二条、第三十四条`,
    // The 征求意见函 goes to the third party or the other agency, not to the applicant: it names them and may
    // describe their commercial secrets or private affairs, so it is never shown on the public tracking page
    // (the applicant sees only the step "征求第三方意见" and that its time is not counted).
    public: false,
    placeholders: [...COMMON_PLACEHOLDERS, '征求对象', '征求依据', '答复期限', '逾期后果'],
    required: [
      { name: '征求对象', why: '应当写明被征求意见的第三方或者机关' },
      { name: '答复期限', why: '应当告知提出意见的期限：自收到征求意见书之日起15个工作日（条例第三十二条、第三十四条）' },
    ],
    // no applicant's name or tracking code: the letter goes to someone else
    template: `政府信息公开征求意见函
{{文号}}
{{征求对象}}：
本机关于{{收到日期}}收到一件政府信息公开申请，申请获取“{{申请内容}}”。根据{{征求依据}}的规定，现征求你方意见。
请你方自收到本函之日起15个工作日内，即于{{答复期限}}前，以书面形式提出是否同意公开的意见；不同意公开的，请说明理由。{{逾期后果}}
{{机关名称}}
{{发文日期}}`,
    sample: {
      征求对象: '示范市某某医疗器械有限公司',
      征求依据: `${条例}第三十二条`,
      答复期限: '2026年3月25日',
      逾期后果: '逾期未提出意见的，由本机关依照条例的规定决定是否公开。',
    },
  },
  {
    key: 'fee',
    title: '政府信息公开信息处理费收费通知书',
    article: 办法,
    public: true,
    placeholders: [...COMMON_PLACEHOLDERS, '收费标准', '本月申请件数', '收费档次', '收费金额', '缴费方式', '缴费期限'],
    required: [
      { name: '收费标准', why: `应当告知收费的依据和标准（${办法}）` },
      { name: '收费金额', why: '应当告知收费金额' },
      { name: '缴费方式', why: '应当告知缴费方式' },
      { name: '缴费期限', why: '应当告知缴费期限：申请人应当在收到收费通知次日起20个工作日内缴纳费用' },
    ],
    template: `政府信息公开信息处理费收费通知书
{{文号}}
{{申请人}}：
${opening}根据${办法}的规定，您的申请应当缴纳信息处理费。收费标准：{{收费标准}}。您本自然月内向本机关提出的政府信息公开申请累计{{本月申请件数}}件，本申请适用的收费档次为：{{收费档次}}。应缴纳信息处理费{{收费金额}}元。
缴费方式：{{缴费方式}}
请于{{缴费期限}}缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。
特此通知。
{{机关名称}}
{{发文日期}}`,
    sample: {
      收费标准: '按件计收（办法第四条）',
      本月申请件数: '15',
      收费档次: '第11—30件，每件100元',
      收费金额: '100',
      缴费方式: '通过本机关提供的非税收入缴款码缴纳，或到本机关政府信息公开受理窗口缴纳',
      缴费期限: '自收到本通知之日的次日起20个工作日内',
    },
  },
  {
    key: 'reasonsRequest',
    title: '政府信息公开申请说明理由告知书',
    article: `${条例}第三十五条`,
    public: true,
    placeholders: [...COMMON_PLACEHOLDERS, '申请情况', '说明期限'],
    required: [{ name: '说明期限', why: '应当告知申请人说明理由的期限' }],
    template: `政府信息公开申请说明理由告知书
{{文号}}
{{申请人}}：
${opening}经审查，{{申请情况}}，申请公开政府信息的数量、频次明显超过合理范围。根据${条例}第三十五条的规定，请您于{{说明期限}}前向本机关书面说明申请理由。
本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但是无法在条例第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您。
特此告知。
{{机关名称}}
{{发文日期}}`,
    sample: { 申请情况: '您自2026年2月1日至3月2日共向本机关提出政府信息公开申请48件', 说明期限: '2026年3月16日' },
  },
  {
    key: 'deferral',
    title: '政府信息公开申请延迟答复告知书',
    article: `${条例}第三十五条`,
    public: true,
    placeholders: [...COMMON_PLACEHOLDERS, '延迟理由', '延迟答复期限'],
    required: [{ name: '延迟答复期限', why: '应当告知延迟答复的合理期限（条例第三十五条）' }],
    template: `政府信息公开申请延迟答复告知书
{{文号}}
{{申请人}}：
${opening}本机关认为您说明的申请理由合理，但{{延迟理由}}，无法在${条例}第三十三条规定的期限内答复。根据${条例}第三十五条的规定，本机关确定延迟答复的期限，将于{{延迟答复期限}}前作出答复。
特此告知。
{{机关名称}}
{{发文日期}}`,
    sample: { 延迟理由: '所申请的信息数量较大，需要逐件检索、审查', 延迟答复期限: '2026年5月29日' },
  },
  {
    key: 'reply',
    title: '政府信息公开申请答复书',
    article: `${条例}第三十六条至第三十八条`,
    public: true,
    // 答复日期: the reply letter's date placeholder before notices had 发文日期 (agencies' saved templates use it)
    placeholders: [...COMMON_PLACEHOLDERS, '答复意见', '法律依据', '救济途径', '答复日期'],
    required: [
      { name: '答复意见', why: '应当写明答复的处理结果' },
      { name: '救济途径', why: '应当告知申请人申请行政复议、提起行政诉讼的权利' },
    ],
    template: `政府信息公开申请答复书
{{文号}}
{{申请人}}：
${opening}经审查，现答复如下：
{{答复意见}}
{{救济途径}}
{{机关名称}}
{{发文日期}}`,
    sample: {
      答复意见: `经审查，您申请获取的“本局2025年行政许可决定目录”属于可以公开的政府信息。根据${条例}第三十六条第（二）项的规定，现向您提供该政府信息（见附件）。`,
      法律依据: `${条例}第三十六条第（二）项`,
      救济途径: REMEDIES_SAMPLE,
      答复日期: '2026年3月20日',
    },
  },
  {
    key: 'notProcessed',
    title: '政府信息公开申请不予处理告知书',
    article: `${条例}第三十五条、第三十六条第（六）项、第三十九条`,
    public: true,
    placeholders: [...COMMON_PLACEHOLDERS, '答复意见', '法律依据', '救济途径', '答复日期'],
    required: [
      { name: '答复意见', why: '应当写明不予处理的理由' },
      { name: '救济途径', why: '应当告知申请人申请行政复议、提起行政诉讼的权利' },
    ],
    template: `政府信息公开申请不予处理告知书
{{文号}}
{{申请人}}：
${opening}经审查，现告知如下：
{{答复意见}}
{{救济途径}}
{{机关名称}}
{{发文日期}}`,
    sample: {
      答复意见: `经审查，您以政府信息公开申请的形式提出的事项属于信访、投诉、举报等活动。根据${条例}第三十九条第一款的规定，不作为政府信息公开申请处理，您可以通过相应渠道提出。`,
      法律依据: `${条例}第三十九条第一款`,
      救济途径: REMEDIES_SAMPLE,
      答复日期: '2026年3月20日',
    },
  },
];

export const NOTICE_KINDS = Object.fromEntries(kinds.map((k): [NoticeKind, NoticeKindDef] => [k.key, { ...k, sample: { ...COMMON_SAMPLE, ...k.sample } }])) as Readonly<
  Record<NoticeKind, NoticeKindDef>
>;

export function isNoticeKind(key: string): key is NoticeKind {
  return (NOTICE_KEYS as readonly string[]).includes(key);
}

/** The notice a reply with this decision is written on: 不予处理 outcomes (table 三's rows notProcessed.*) get their own. */
export function replyNoticeKind(decisionRow: string | undefined): 'reply' | 'notProcessed' {
  return decisionRow?.startsWith('notProcessed') ? 'notProcessed' : 'reply';
}

/** The wording of the 征求意见函 by whom it goes to (条例 Art. 32 for a third party, Art. 34 for an agency). */
export function consultationValues(party: 'thirdParty' | 'otherAgency'): { 征求依据: string; 逾期后果: string } {
  return party === 'otherAgency'
    ? { 征求依据: `${条例}第三十四条`, 逾期后果: '逾期未提出意见的，视为同意公开。' }
    : { 征求依据: `${条例}第三十二条`, 逾期后果: '逾期未提出意见的，由本机关依照条例的规定决定是否公开。' };
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The placeholders a text still has, in order of appearance (each once). */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * The template with every placeholder that has a value replaced by it. A placeholder without a value is left
 * as it is ({{文号}} until the notice is issued; a missing value shows in the preview rather than vanishing).
 */
export function fillNotice(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : v;
  });
}

export const MAX_TEMPLATE_LENGTH = 20_000;

/** Problems with a template an agency wants to save for a kind (unknown placeholders, required ones missing), in Chinese. */
export function templateProblems(kind: NoticeKind, body: string): string[] {
  const def = NOTICE_KINDS[kind];
  const problems: string[] = [];
  const lines = body.split(/\r?\n/);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(PLACEHOLDER)) {
      if (!def.placeholders.includes(m[1])) {
        problems.push(`第 ${i + 1} 行：未知的占位符 {{${m[1]}}}，${def.title}可用：${def.placeholders.map((p) => `{{${p}}}`).join('、')}`);
      }
    }
    const open = (line.match(/\{\{/g) ?? []).length;
    const close = (line.match(/\}\}/g) ?? []).length;
    if (open !== close) problems.push(`第 ${i + 1} 行：占位符的括号不成对（应写作 {{名称}}）`);
  });
  for (const r of def.required) if (!body.includes(`{{${r.name}}}`)) problems.push(`模板必须包含 {{${r.name}}}：${r.why}`);
  if (!body.includes('{{文号}}')) problems.push('模板必须包含 {{文号}}：发出时在此处填入本机关的文号');
  if (lines.filter((l) => l.trim() !== '').length < 4) problems.push('模板至少应有标题、文号、正文和落款四行');
  if (body.length > MAX_TEMPLATE_LENGTH) problems.push(`模板过长（不能超过 ${MAX_TEMPLATE_LENGTH} 字）`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The request as quoted in a letter

const OPEN_QUOTES = '“"「『‘\'';
const CLOSE_OF: Record<string, string> = { '“': '”', '"': '"', '「': '」', '『': '』', '‘': '’', "'": "'" };

/**
 * The applicant's request as a letter quotes it inside “…”: trimmed, whitespace (full-width spaces, line
 * breaks, tabs) collapsed to one space; quotes that wrap the whole text and punctuation that ends it (。；，、.)
 * removed, so the letter never reads ““…”” or “…。”; quotes inside turned into single quotes ‘…’ (a quote
 * within a quote); a punctuation mark typed twice written once; no space next to Chinese punctuation or
 * between two Chinese characters (a space between Chinese and Latin or digits stays).
 */
export function cleanRequestText(s: string): string {
  let t = s.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, ' ').trim();
  for (;;) {
    const before = t;
    // wrapping quotes, e.g. “…” or "…"
    const first = t[0];
    if (first && OPEN_QUOTES.includes(first) && t.length >= 2 && t.at(-1) === CLOSE_OF[first] && balancedInside(t.slice(1, -1))) t = t.slice(1, -1).trim();
    // ending punctuation, also when it sits just inside a closing quote at the end ("…。”" → "…”")
    t = t.replace(/[。．.；;，,、\s]+$/u, '');
    t = t.replace(/[。．.；;，,、]+(?=[”"’」』]$)/u, '');
    if (t === before) break;
  }
  // quotes inside: double → single (Chinese convention for a quote within a quote)
  t = t.replace(/[“「『]/g, '‘').replace(/[”」』]/g, '’');
  let open = true;
  t = t.replace(/"/g, () => {
    const q = open ? '‘' : '’';
    open = !open;
    return q;
  });
  // doubled quotes left by the applicant (‘‘x’’ → ‘x’) and punctuation typed twice
  t = t.replace(/‘{2,}/g, '‘').replace(/’{2,}/g, '’');
  t = t.replace(/([，。；：、！？])\1+/g, '$1');
  // no space just inside a quote or next to Chinese punctuation
  t = t.replace(/‘ +/g, '‘').replace(/ +’/g, '’').replace(/ *([，。；：、！？（）《》]) */g, '$1');
  // nor between two Chinese characters (a stray space or line break inside a word)
  t = t.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1');
  return t;
}

/** Are the quotes in `inner` balanced (so the outer pair wraps the whole text, not "a" and "b" of “a”和“b”)? */
function balancedInside(inner: string): boolean {
  let depth = 0;
  for (const ch of inner) {
    if (ch === '“' || ch === '「' || ch === '『') depth++;
    if (ch === '”' || ch === '」' || ch === '』') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && (inner.match(/"/g) ?? []).length % 2 === 0;
}

// ---------------------------------------------------------------------------------------------------------
// The 文号

export const NUMBER_TOKENS = ['简称', '年', '序号'] as const;
export const DEFAULT_NUMBER_PATTERN = '{简称}依申〔{年}〕{序号}号';

/** Problems with a 文号 pattern an agency wants to use, in Chinese ('' pattern = the default). */
export function numberPatternProblems(pattern: string): string[] {
  const problems: string[] = [];
  for (const m of pattern.matchAll(/\{([^{}]*)\}/g)) {
    if (!(NUMBER_TOKENS as readonly string[]).includes(m[1])) problems.push(`文号格式中有未知的项 {${m[1]}}，可用：{简称}、{年}、{序号}`);
  }
  if (!pattern.includes('{序号}')) problems.push('文号格式必须包含 {序号}');
  if (!pattern.includes('{年}')) problems.push('文号格式必须包含 {年}（序号按年编排）');
  if (pattern.length > 60) problems.push('文号格式不能超过 60 字');
  return problems;
}

/** The number of the `seq`-th notice of `year`: "示范卫健依申〔2026〕7号". */
export function formatNoticeNumber(pattern: string | undefined, values: { shortName: string; year: number; seq: number }): string {
  const p = pattern?.trim() ? pattern.trim() : DEFAULT_NUMBER_PATTERN;
  return p.replaceAll('{简称}', values.shortName).replaceAll('{年}', String(values.year)).replaceAll('{序号}', String(values.seq));
}

/**
 * The issued text with its number: at {{文号}} if the (possibly edited) text kept it, else as the line after
 * the title. Other placeholders still in the text are an error for the caller (see unfilledPlaceholders).
 */
export function numberedText(text: string, number: string): string {
  if (text.includes('{{文号}}')) return text.replaceAll('{{文号}}', number);
  const lines = text.split(/\r?\n/);
  const title = lines.findIndex((l) => l.trim() !== '');
  lines.splice(title + 1, 0, number);
  return lines.join('\n');
}

/** Placeholders left unfilled in a text about to be issued (besides {{文号}}, filled by the issuing). */
export function unfilledPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((p) => p !== '文号');
}

// ---------------------------------------------------------------------------------------------------------
// Which step issues which notice

/** The steps of a case (workflow.ts ACTIONS) that issue a notice, and its kind (the reply's depends on its decision). */
export const STEP_NOTICES: Readonly<Record<string, NoticeKind>> = {
  requestCorrection: 'correction',
  // the applicant is told of the extension once it is approved (条例 Art. 33(2): 经…负责人同意，并告知申请人)
  approveExtension: 'extension',
  startConsultation: 'consultation',
  issueFeeNotice: 'fee',
  requestReasons: 'reasonsRequest',
  deferReply: 'deferral',
  reply: 'reply',
};

/** The notice a step issues (null: none). For a reply: 不予处理告知书 when the decision is counted as 不予处理. */
export function noticeKindOfStep(action: string, payload: { decision?: unknown } = {}): NoticeKind | null {
  const kind = STEP_NOTICES[action];
  if (!kind) return null;
  if (kind === 'reply') return replyNoticeKind(typeof payload.decision === 'string' ? decisionByKey(payload.decision)?.row : undefined);
  return kind;
}

/**
 * The request as the letters quote it: the application's text, and the applicant's corrections after it
 * (条例 Art. 30: the corrected application is the one answered), each cleaned (cleanRequestText).
 */
export function requestAsCorrected(description: string, corrections: readonly string[] = []): string {
  const parts = corrections.map(cleanRequestText).filter((c) => c !== '');
  const main = cleanRequestText(description);
  return parts.length === 0 ? main : `${main}（补正：${parts.join('；')}）`;
}
