/**
 * Which agency and which year a report is about.
 *
 * In order of trust: the title ("福清市卫生健康局 2020 年政府信息公开工作年度报告", possibly over two lines),
 * the statistics period ("统计时限自2022年1月1日至12月31日"), the signature (agency name over the date at the
 * end), and the sentences that name the author ("由XX编制", "请与XX联系").
 */
import { compact } from '../normalize';
import { finding, type Finding } from '../report/findings';

export interface Meta {
  agency: string | null;
  year: number | null;
  findings: Finding[];
}

const AGENCY_SUFFIX =
  /(?:局|委员会|委|办公室|办|厅|人民政府|政府|中心|院|署|所|馆|会|队|处|部|站|管委会|管理委员会|街道办事处|街道|镇|乡|公司|集团|总队|支队|大队|分局|监狱|学校|大学)$/;

/** A name that looks like an agency: short, Chinese, ending like one, no sentence punctuation. */
function agencyLike(s: string): boolean {
  return s.length >= 3 && s.length <= 40 && AGENCY_SUFFIX.test(s) && !/[,，。;；:：、!?！？“”"()（）《》\d]/.test(s);
}

function cleanAgency(s: string): string {
  return s
    .replace(/^(?:标题|文章标题|题目|名称)[:：]/, '')
    .replace(/^附件\d*[:：]?/, '')
    .replace(/^关于/, '')
    .replace(/^[（(][^）)]*[）)]/, '')
    .replace(/[（(]$/, '')
    .trim();
}

const TITLE_AFTER = /^(.{2,40}?)(20\d{2})年度?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/;
const TITLE_BEFORE = /^(20\d{2})年度?(.{2,40}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/;
const TITLE_YEAR_ONLY = /^(20\d{2})年度?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/;
const PERIOD = /统计(?:时限|期限|时间|区间|周期|范围|口径)?[^。]{0,12}?(?:自|从|为)?(20\d{2})年0?1月0?1日(?:起)?(?:至|到|-|—|～|~)(?:(20\d{2})年)?12月31日/;
const OPENING = /^(20\d{2})年度?[,，](?:我|本)?([\u4e00-\u9fff]{2,24}?(?:委员会|管理委员会|管委会|办公室|人民政府|街道办事处|分局|局|委|厅|政府|中心|院|署|街道|镇|乡|大队|支队))/;
const DATE_LINE = /^(20\d{2})年(\d{1,2})月(\d{1,2})日$/;

export function detectMeta(lines: string[]): Meta {
  const findings: Finding[] = [];
  const compactLines = lines.map((l) => compact(l));
  const nonEmpty = compactLines.map((text, i) => ({ text, i })).filter((l) => l.text.length > 0);

  let agency: string | null = null;
  let year: number | null = null;
  let titleLine = -1;

  // 1. the title, within the first lines
  for (let k = 0; k < Math.min(nonEmpty.length, 40); k++) {
    const { text: line, i } = nonEmpty[k];
    if (line.length > 80) continue;
    // a title broken over two lines ("…2025年政府信息公开工作" / "年度报告"): the line and the next, joined
    const next = nonEmpty[k + 1]?.text ?? '';
    const text = /(?:报告|年报)$/.test(line) || next.length > 20 ? line : line + next;
    let m = TITLE_YEAR_ONLY.exec(text);
    if (m) {
      year = Number(m[1]);
      titleLine = i;
      const prev = nonEmpty[k - 1];
      if (prev && agencyLike(cleanAgency(prev.text))) agency = cleanAgency(prev.text);
      break;
    }
    m = TITLE_AFTER.exec(text);
    if (m && !/^[一二三四五六七八九十]、/.test(text)) {
      const name = cleanAgency(m[1]);
      if (name.length >= 2) {
        agency = name;
        year = Number(m[2]);
        titleLine = i;
        break;
      }
    }
    m = TITLE_BEFORE.exec(text);
    if (m && agencyLike(cleanAgency(m[2]))) {
      agency = cleanAgency(m[2]);
      year = Number(m[1]);
      titleLine = i;
      break;
    }
  }

  // 2. the statistics period
  const whole = compactLines.join('\n');
  const period = PERIOD.exec(whole);
  const periodYear = period ? Number(period[1]) : null;
  if (year === null && periodYear !== null) {
    year = periodYear;
  } else if (year !== null && periodYear !== null && periodYear !== year) {
    findings.push(finding('read.year', 'warning', `标题年度为 ${year} 年，统计时限为 ${periodYear} 年，按标题读取`, `line ${titleLine + 1}`));
  }

  // 3. the signature: agency name above the date at the end
  let signatureYear: number | null = null;
  for (let k = nonEmpty.length - 1; k >= Math.max(0, nonEmpty.length - 15); k--) {
    const date = DATE_LINE.exec(nonEmpty[k].text);
    if (!date) continue;
    signatureYear = Number(date[1]);
    const above = nonEmpty[k - 1] ? cleanAgency(nonEmpty[k - 1].text) : '';
    if (agency === null && agencyLike(above)) agency = above;
    break;
  }

  // 4. sentences naming the author
  if (agency === null) {
    const m =
      /(?:本报告由|报告由|由)([^，。,；;由]{3,40}?)(?:编制|编写|制作|发布)/.exec(whole) ??
      /(?:请与|可与|请联系|联系单位[:：]?)([^，。,；;（(]{3,40}?)(?:联系|办公室|[（(])/.exec(whole);
    if (m && agencyLike(cleanAgency(m[1]))) {
      agency = cleanAgency(m[1]);
      findings.push(finding('read.agency', 'warning', `未找到标题和落款，报告机关依正文推定为“${agency}”`, 'agency'));
    }
  }
  // 5. a sentence that opens with the year and the agency ("2022年，区政府办公室认真贯彻…")
  if (agency === null || (year === null && signatureYear === null)) {
    for (const line of compactLines) {
      const m = OPENING.exec(line);
      if (!m) continue;
      const name = cleanAgency(m[2]);
      // a name, not the start of a phrase ("在市政务公开办和省厅的指导下")
      if (/^[在按根为对以于从经由把被随]|[和与及的、]/.test(name)) continue;
      if (agency === null && agencyLike(name)) {
        agency = name;
        findings.push(finding('read.agency', 'warning', `未找到标题和落款，报告机关依正文“${m[0]}”推定为“${agency}”`, 'agency'));
      }
      if (agency === null) continue;
      if (year === null && signatureYear === null) {
        year = Number(m[1]);
        findings.push(finding('read.year', 'warning', `未找到标题和统计时限，报告年度依正文“${m[0]}”推定为 ${year} 年`, 'year'));
      }
      break;
    }
  }
  if (year === null && signatureYear !== null) {
    year = signatureYear - 1;
    findings.push(finding('read.year', 'warning', `未找到标题和统计时限，报告年度依落款日期推定为 ${year} 年`, 'year'));
  }
  if (agency === null) findings.push(finding('read.agency', 'error', '未能确定报告机关：没有标题、落款或编制单位', 'agency'));
  if (year === null) findings.push(finding('read.year', 'error', '未能确定报告年度：没有标题年度、统计时限或落款日期', 'year'));
  return { agency, year, findings };
}
