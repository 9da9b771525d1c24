/**
 * The narrative of a demo report (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项): the report
 * engine's draft (src/core/report/draft.ts), whose figures the narrative checks verify, with the passages it leaves
 * for the officer written out in the words agencies use, so no "（请补充：…）" is left.
 */
import type { ChannelKey } from '../core/registry/categories';
import { draftSections, type RegistryStats } from '../core/report/draft';
import type { ReportSections } from '../core/report/layout';
import type { Report } from '../core/report/model';
import { pick, type Random } from './records';

const PLATFORM = [
  '（四）政府信息管理和平台建设情况。严格落实公开前保密审查和合法性审查，动态更新政府信息公开目录和公开指南；持续优化政府网站政府信息公开专栏，规范政务新媒体信息发布，做到内容准确、更新及时。',
  '（四）政府信息管理和平台建设情况。健全政府信息发布审核机制，坚持“先审查、后公开”和“一事一审”；完成政府网站集约化平台迁移，专栏栏目设置符合国务院办公厅的统一要求，政务新媒体发布信息经审核后推送。',
  '（四）政府信息管理和平台建设情况。开展政府信息公开目录清理，对已公开的规范性文件逐件标注有效性；依托政府网站和政务新媒体矩阵，推动重要政策一次发布、多端同步。',
];
const OVERSIGHT = [
  '（五）监督保障情况。主要负责同志定期听取政务公开工作汇报，明确分管领导和专门工作人员；将政务公开纳入年度绩效考核，组织业务培训，接受社会监督和舆论监督。',
  '（五）监督保障情况。成立政务公开工作领导小组，制定年度工作要点并逐项落实；开展政务公开专题培训，邀请专家讲解《中华人民共和国政府信息公开条例》，未发生因政务公开工作被责任追究的情况。',
  '（五）监督保障情况。把政务公开工作纳入机关年度目标管理，建立工作台账和定期通报制度；畅通意见建议渠道，对社会评议中反映的问题及时整改。',
];
const PROBLEMS = [
  [
    '（一）存在的主要问题。一是政策解读形式还不够丰富，图解、视频等解读方式运用较少；二是依申请公开答复的规范化水平有待进一步提高；三是基层政务公开标准化规范化工作推进不够平衡。',
    '（二）改进情况。下一步，本机关将加强解读材料与政策文件同步起草、同步审签、同步发布，推动答复文书格式统一，加强对工作人员的业务培训，不断提升政务公开工作质量。',
  ],
  [
    '（一）存在的主要问题。一是主动公开的深度和广度还需拓展，部分领域信息更新不够及时；二是政务新媒体互动回应功能发挥不充分；三是工作人员业务能力有待提升。',
    '（二）改进情况。本机关将围绕重点领域细化公开清单，建立信息更新提醒机制；完善政务新媒体留言办理流程，做到件件有回应；定期组织业务学习，提升依法公开能力。',
  ],
  [
    '（一）存在的主要问题。一是公开内容与群众需求的契合度有待提高；二是依申请公开办理中，与申请人沟通还不够充分；三是公开平台的检索和查询功能有待完善。',
    '（二）改进情况。针对上述问题，本机关将开展公众需求调查，优化主动公开内容；加强申请办理过程中的沟通说明；配合做好政府网站集约化平台的功能优化。',
  ],
];
const OTHER_EXTRA = [
  '本机关全面落实政务公开工作要点，各项任务均已按期完成。',
  '本机关认真办理人大代表建议和政协委员提案，办理结果依法公开。',
  '本机关无其他需要报告的事项。',
];

const CHANNEL_WEIGHTS: [ChannelKey, number][] = [
  ['website', 1],
  ['wechat', 0.6],
  ['weibo', 0.25],
];

/** Registry figures in proportion to the report's table 二 (items published, by category and channel). */
export function registryStatsFor(report: Report, random: Random): RegistryStats {
  const base = 40 + Math.floor(random() * 260);
  const byCategory: Record<number, number> = {};
  let left = base;
  for (const no of [1, 2, 5, 6, 7, 11, 12]) {
    const n = no === 12 ? left : Math.floor(left * (0.15 + random() * 0.3));
    byCategory[no] = n;
    left -= n;
  }
  const byChannel: Partial<Record<ChannelKey, number>> = {};
  for (const [k, w] of CHANNEL_WEIGHTS) byChannel[k] = Math.round(base * w * (0.8 + random() * 0.4));
  void report;
  return { published: base, byCategory, byChannel, interpretations: Math.floor(base / 20 + random() * 5), onTimeRate: 0.95 + Math.floor(random() * 50) / 1000 };
}

/** The narrative of a report, written out in full. */
export function demoSections(report: Report, previous: Report | null, random: Random): ReportSections {
  const draft = draftSections({ report, previous, registry: registryStatsFor(report, random), processingFeesYuan: 0 });
  const overview = (draft.overview ?? '')
    .split('\n')
    .map((line) => (line.startsWith('（四）') ? pick(PLATFORM.map((p) => [p, 1] as const), random) : line.startsWith('（五）') ? pick(OVERSIGHT.map((p) => [p, 1] as const), random) : line))
    .join('\n');
  const problems = pick(PROBLEMS.map((p) => [p, 1] as const), random).join('\n');
  const other = [draft.other ?? '', pick(OTHER_EXTRA.map((p) => [p, 1] as const), random)].join('\n');
  return { overview, problems, other };
}
