/**
 * A notice of a case (补正告知书, 延期答复告知书, 征求意见函, 收费通知书, 答复书, …) as a Word document, from its
 * filled text (the templates and their placeholders are in src/core/applications/notices.ts). The type of a
 * government document (GB/T 9704-2012), as the report: title in 2号小标宋 centred, the 发文字号 centred under it,
 * body in 3号仿宋 with a two-character indent, the salutation flush left, signature and date at the right.
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { LINE_TWIPS, a4Page, fontOf } from './page';

const LINE = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT };

/** A line that is the notice's number: "示范卫健依申〔2026〕3号", or the old letters' "编号：…". */
const NUMBER_LINE = /^(编号[:：].*|.*〔\d{4}〕.*号)$/;

/** The lines of a filled notice as the document lays them out (exported for the tests). */
export function noticeLayout(filled: string): { title: string; lines: { text: string; role: 'number' | 'salutation' | 'body' | 'signature' }[] } {
  const lines = filled.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  const [title = '', ...rest] = lines;
  const signatureStart = Math.max(0, rest.length - 2);
  let salutationSeen = false;
  return {
    title,
    lines: rest.map((text, i) => {
      if (i >= signatureStart) return { text, role: 'signature' };
      if (i === 0 && NUMBER_LINE.test(text)) return { text, role: 'number' };
      if (!salutationSeen && i <= 2 && /[:：]$/.test(text)) {
        salutationSeen = true;
        return { text, role: 'salutation' };
      }
      return { text, role: 'body' };
    }),
  };
}

/** The filled notice as .docx: the first line is the title, the last two the signature (agency, date). */
export async function letterDocx(filled: string): Promise<Buffer> {
  const { title, lines } = noticeLayout(filled);
  const children = [
    new Paragraph({ children: [new TextRun({ text: title, font: fontOf('方正小标宋简体'), size: 44 })], alignment: AlignmentType.CENTER, spacing: { after: 300 } }),
    ...lines.map(({ text, role }) => {
      const run = new TextRun({ text, font: fontOf('仿宋_GB2312'), size: 32 });
      switch (role) {
        case 'signature':
          return new Paragraph({ children: [run], alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: LINE });
        case 'number':
          return new Paragraph({ children: [run], alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 300 } });
        case 'salutation':
          return new Paragraph({ children: [run], spacing: LINE });
        default:
          return new Paragraph({ children: [run], indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, spacing: LINE });
      }
    }),
  ];
  const doc = new Document({
    creator: 'Gongkai',
    title,
    sections: [{ properties: { page: a4Page() }, children }],
  });
  return Packer.toBuffer(doc);
}

/** Any notice's filled text as .docx (the same layout for every kind). */
export const noticeDocx = letterDocx;
