/**
 * A first draft of the narrative sections (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项)
 * written from the data, for the officer to rewrite. Every figure it states is one the checks of
 * ./narrative.ts can verify against the tables, so the draft passes them as written — but for the passages only
 * the officer can write, marked by the editor's prompts (./placeholders.ts), which are errors until written.
 */
import { ARTICLE_20, CHANNELS, type ChannelKey } from '../registry/categories';
import type { ReportSections } from './layout';
import type { AppRow, Report } from './model';
import { TOTAL_COLUMN } from './template';
import { PROMPTS } from './placeholders';

/** What marks a passage of the draft the officer still has to write (./placeholders.ts; the checks flag any left). */
export { PLACEHOLDER } from './placeholders';

export interface RegistryStats {
  /** items published in the year */
  published: number;
  /** by Art. 20 item number */
  byCategory: Record<number, number>;
  byChannel: Partial<Record<ChannelKey, number>>;
  interpretations: number;
  /** share of items published within 20 working days of being formed (0–1), or null without items */
  onTimeRate: number | null;
}

export interface DraftInput {
  report: Report;
  previous?: Report | null;
  registry?: RegistryStats | null;
  /** 信息处理费 collected in the year, yuan */
  processingFeesYuan?: number;
}

const t = (row: AppRow | undefined) => row?.[TOTAL_COLUMN] ?? 0;
const sum = (rows: AppRow[]) => rows.reduce((s, r) => s + t(r), 0);
const pct = (part: number, whole: number) => (whole > 0 ? (Math.round((part / whole) * 1000) / 10).toFixed(1) : '0.0');

function comparison(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  if (now === before) return '，与上年持平';
  return now > before ? `，较上年增加${now - before}件` : `，较上年减少${before - now}件`;
}

export function draftSections({ report, previous, registry, processingFeesYuan = 0 }: DraftInput): ReportSections {
  const y = report.year;
  const a = report.applications;
  const received = t(a.received);
  const natural = a.received[0] ?? 0;
  const otherRows = Array.isArray(a.other) ? [a.other] : Object.values(a.other);
  const answered = t(a.total);
  const paragraphs: string[] = [];

  // （一）主动公开
  const p1: string[] = [`（一）主动公开情况。${y}年，本机关`];
  if (registry && registry.published > 0) {
    const top = Object.entries(registry.byCategory)
      .map(([no, n]) => ({ no: Number(no), n }))
      .filter((c) => c.n > 0)
      .sort((x, z) => z.n - x.n)
      .slice(0, 3);
    const parts = top.map((c) => `${ARTICLE_20[c.no - 1].text}类信息${c.n}条，占${pct(c.n, registry.published)}%`).join('；');
    p1.push(`主动公开政府信息${registry.published}条，其中${parts}。`);
    const channels = (Object.entries(registry.byChannel) as [ChannelKey, number][]).filter(([, n]) => n > 0);
    if (channels.length > 0) p1.push(`通过${channels.map(([k, n]) => `${CHANNELS[k]}发布${n}次`).join('、')}。`);
    if (registry.interpretations > 0) p1.push(`发布政策解读${registry.interpretations}篇。`);
    if (registry.onTimeRate !== null) p1.push(`主动公开政府信息及时率为${(Math.round(registry.onTimeRate * 1000) / 10).toFixed(1)}%。`);
  } else {
    p1.push('依法做好主动公开工作。');
  }
  const docs =
    report.format === '2021'
      ? report.proactive.normativeDocuments.issued ?? 0
      : report.proactive.normativeDocuments.made ?? 0;
  if (docs > 0) p1.push(`制发规范性文件${docs}件。`);
  const lic = report.proactive.licensing.decisions ?? 0;
  const pun = report.proactive.punishment.decisions ?? 0;
  if (lic + pun > 0) p1.push(`公开行政许可决定${lic}条、行政处罚决定${pun}条。`);
  paragraphs.push(p1.join(''));

  // （二）依申请公开
  const prevReceived = previous ? t(previous.applications.received) : undefined;
  const p2 = [
    `（二）依申请公开情况。${y}年，本机关收到政府信息公开申请${received}件${comparison(received, prevReceived)}`,
    received > 0 ? `，其中自然人申请${natural}件，法人或其他组织申请${received - natural}件` : '',
    `；上年结转${t(a.carriedOver)}件。`,
    `本年度办理答复${answered}件`,
  ];
  if (answered > 0) {
    p2.push(
      `，其中予以公开${t(a.disclosed)}件，部分公开${t(a.partial)}件，不予公开${sum(Object.values(a.withheld))}件，无法提供${sum(Object.values(a.unavailable))}件，不予处理${sum(Object.values(a.notProcessed))}件，其他处理${sum(otherRows)}件`,
    );
  }
  p2.push(`；结转下年度继续办理${t(a.carriedForward)}件。`);
  paragraphs.push(p2.join(''));

  // （三）行政复议、行政诉讼
  const r = report.reviewLitigation;
  const reviews = r.reconsideration.total ?? 0;
  const suits = (r.litigationDirect.total ?? 0) + (r.litigationAfterReconsideration.total ?? 0);
  paragraphs.push(
    reviews + suits === 0
      ? `（三）行政复议、行政诉讼情况。${y}年，本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。`
      : `（三）行政复议、行政诉讼情况。${y}年，本机关因政府信息公开工作被申请行政复议${reviews}件，被提起行政诉讼${suits}件。`,
  );
  // what only the officer can write: the editor's prompts (./placeholders.ts), errors in the checks until written
  paragraphs.push(`（四）政府信息管理和平台建设情况。${PROMPTS.platform}`);
  paragraphs.push(`（五）监督保障情况。${PROMPTS.oversight}`);

  const problems = [`（一）存在的主要问题。${PROMPTS.problems}`, `（二）改进情况。${PROMPTS.improvements}`].join('\n');

  const other =
    processingFeesYuan > 0
      ? `依据《政府信息公开信息处理费管理办法》，${y}年本机关收取信息处理费${processingFeesYuan}元。`
      : `依据《政府信息公开信息处理费管理办法》，${y}年本机关未收取信息处理费。`;

  return { overview: paragraphs.join('\n'), problems, other };
}
