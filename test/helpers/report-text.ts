/**
 * What an officer writes where the report editor's draft asks for it: each prompt of the draft
 * (src/core/report/placeholders.ts) replaced by a sentence, so a test's report can be submitted and approved.
 */
import type { ReportSections } from '../../src/core/report/layout';
import { PROMPTS } from '../../src/core/report/placeholders';

/** One sentence for each prompt (no figure in them: the narrative checks have nothing to compare). */
export const WRITTEN: Record<keyof typeof PROMPTS, string> = {
  platform: '落实信息发布保密审查制度，及时更新政府信息公开指南和公开目录，加强政府网站建设。',
  oversight: '调整政务公开工作领导小组，组织业务培训，将政务公开纳入年度绩效考核。',
  problems: '依申请公开答复文书的说理还不够充分，政策解读形式较为单一。',
  improvements: '修订答复书模板，推行图解、短视频等解读形式。',
};

/** The sections with every prompt of the editor written out, and the rest as it was. */
export function writeSections(sections: ReportSections, except: (keyof typeof PROMPTS)[] = []): ReportSections {
  const write = (text: string | undefined) =>
    (Object.keys(PROMPTS) as (keyof typeof PROMPTS)[]).filter((k) => !except.includes(k)).reduce((t, k) => t.split(PROMPTS[k]).join(WRITTEN[k]), text ?? '');
  return { overview: write(sections.overview), problems: write(sections.problems), other: write(sections.other) };
}
