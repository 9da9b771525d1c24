/**
 * Every decision, the row of table 三 it is counted in, and the remedy its letter states — written out by
 * hand from rules-reference.md §1 and the row labels of the 2021 template, not taken from the code: swapping
 * two rows (e.g. 内部事务 and 过程性信息) in decisions.ts fails here.
 */
import { describe, expect, it } from 'vitest';
import { DECISIONS, decisionRow } from '../../../src/core/applications/decisions';
import { reportCells } from '../../../src/core/report/checks';
import { computeReport } from '../../../src/core/report/engine';
import { getCell } from '../../../src/core/report/model';

/** decision → [JSON path of the row, its label as the 2021 template prints it, remedy] */
const BY_HAND: Record<string, [string, string, 'choice' | 'reconsiderationFirst' | 'partialReconsiderationFirst']> = {
  provided: ['disclosed', '（一）予以公开', 'choice'],
  alreadyPublic: ['disclosed', '（一）予以公开', 'choice'],
  partial: ['partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'partialReconsiderationFirst'],
  stateSecret: ['withheld.stateSecret', '1.属于国家秘密', 'reconsiderationFirst'],
  prohibitedByLaw: ['withheld.prohibitedByLaw', '2.其他法律行政法规禁止公开', 'reconsiderationFirst'],
  endangersSafety: ['withheld.endangersSafety', '3.危及“三安全一稳定”', 'reconsiderationFirst'],
  thirdPartyRights: ['withheld.thirdPartyRights', '4.保护第三方合法权益', 'reconsiderationFirst'],
  internalAffairs: ['withheld.internalAffairs', '5.属于三类内部事务信息', 'reconsiderationFirst'],
  processInfo: ['withheld.processInfo', '6.属于四类过程性信息', 'reconsiderationFirst'],
  enforcementFile: ['withheld.enforcementFile', '7.属于行政执法案卷', 'reconsiderationFirst'],
  // Art. 36(7) tells the applicant the procedure of that law: not a refusal, so no 复议前置
  administrativeQuery: ['withheld.administrativeQuery', '8.属于行政查询事项', 'choice'],
  notExist: ['unavailable.notHeld', '1.本机关不掌握相关政府信息', 'choice'],
  notOurs: ['unavailable.notHeld', '1.本机关不掌握相关政府信息', 'choice'],
  needsCreation: ['unavailable.needsCreation', '2.没有现成信息需要另行制作', 'choice'],
  unclearAfterCorrection: ['unavailable.unclear', '3.补正后申请内容仍不明确', 'choice'],
  complaint: ['notProcessed.complaint', '1.信访举报投诉类申请', 'choice'],
  duplicate: ['notProcessed.duplicate', '2.重复申请', 'choice'],
  publication: ['notProcessed.publication', '3.要求提供公开出版物', 'choice'],
  excessive: ['notProcessed.excessive', '4.无正当理由大量反复申请', 'choice'],
  confirmation: ['notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息', 'choice'],
  noCorrection: ['other.noCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'choice'],
  feeUnpaid: ['other.feeUnpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'choice'],
  withdrawn: ['other.other', '3.其他', 'choice'],
};

describe('decision → table 三 row, by hand', () => {
  it('covers exactly the decisions the officer can pick', () => {
    expect(DECISIONS.map((d) => d.key).sort()).toEqual(Object.keys(BY_HAND).sort());
  });

  for (const [key, [row, label, remedy]] of Object.entries(BY_HAND)) {
    it(`${key} → ${row}（${label}）`, () => {
      const d = DECISIONS.find((x) => x.key === key)!;
      expect(d.row).toBe(row);
      expect(decisionRow(key)?.label).toBe(label);
      expect(d.remedy).toBe(remedy);
      // the engine counts one application so decided (a 商业企业, column 1) in that row and nowhere else of (一)–(六)
      const report = computeReport(
        { applications: [{ id: 'a', applicantType: 'commercial', receivedOn: '2025-03-02', repliedOn: '2025-03-20', decision: key }], documents: [], decisions: [], fees: [], matters: [], procurements: [], reviewCases: [] },
        '示范局',
        2025,
      );
      const nonZero = reportCells(report)
        .map((c) => c.path)
        .filter((p) => /^applications\.(disclosed|partial|withheld|unavailable|notProcessed|other)/.test(p) && getCell(report, p) !== 0);
      expect(nonZero.sort()).toEqual([`applications.${row}[1]`, `applications.${row}[6]`]);
    });
  }
});
