/**
 * The reply letter (政府信息公开申请答复书) as a Word document, from a template with named placeholders
 * ({{申请人}}, {{答复意见}}, …). Same type as the report: title in 小标宋, body in 3号仿宋, signature right.
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { LINE_TWIPS, a4Page, fontOf } from './page';

export const LETTER_PLACEHOLDERS = ['申请人', '收到日期', '申请编号', '申请内容', '答复意见', '法律依据', '救济途径', '机关名称', '答复日期'] as const;
export type LetterValues = Record<(typeof LETTER_PLACEHOLDERS)[number], string>;

export const DEFAULT_LETTER_TEMPLATE = `政府信息公开申请答复书
编号：{{申请编号}}
{{申请人}}：
本机关于{{收到日期}}收到您提出的政府信息公开申请，申请获取“{{申请内容}}”。经审查，现答复如下：
{{答复意见}}
{{救济途径}}
{{机关名称}}
{{答复日期}}`;

/** Problems with a template an agency wants to save (unknown placeholders, the decision missing). */
export function templateProblems(body: string): string[] {
  const problems: string[] = [];
  for (const m of body.matchAll(/\{\{([^{}]*)\}\}/g)) {
    if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(m[1])) problems.push(`未知的占位符 {{${m[1]}}}，可用：${LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join('、')}`);
  }
  if (!body.includes('{{答复意见}}')) problems.push('模板必须包含 {{答复意见}}');
  if (!body.includes('{{救济途径}}')) problems.push('模板必须包含 {{救济途径}}（告知申请人申请行政复议、提起行政诉讼的权利）');
  if (body.length > 20_000) problems.push('模板过长');
  return problems;
}

export function fillTemplate(body: string, values: LetterValues): string {
  return body.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => (values as Record<string, string>)[name] ?? '');
}

const LINE = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT };

/**
 * Lay the filled letter out: the first line is the title, a line "编号：…" under it is centred, the line
 * ending in "：" is the salutation, the last two lines (agency, date) are the signature.
 */
export async function letterDocx(filled: string): Promise<Buffer> {
  const lines = filled.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const [title = '', ...rest] = lines;
  const signatureStart = Math.max(0, rest.length - 2);
  const children = [
    new Paragraph({ children: [new TextRun({ text: title, font: fontOf('方正小标宋简体'), size: 44 })], alignment: AlignmentType.CENTER, spacing: { after: 300 } }),
    ...rest.map((line, i) => {
      const run = new TextRun({ text: line, font: fontOf('仿宋_GB2312'), size: 32 });
      if (i >= signatureStart) return new Paragraph({ children: [run], alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: LINE });
      if (/^编号[:：]/.test(line)) return new Paragraph({ children: [run], alignment: AlignmentType.CENTER, spacing: LINE });
      if (/[:：]$/.test(line) && i <= 1) return new Paragraph({ children: [run], spacing: LINE });
      return new Paragraph({ children: [run], indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, spacing: LINE });
    }),
  ];
  const doc = new Document({
    creator: 'Gongkai',
    title,
    sections: [
      {
        properties: { page: a4Page() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
