/**
 * The decisions a reply can make (条例 Art. 14–16, 30, 35–39; 办法), each with its legal basis, the wording
 * it contributes to the reply letter, and the row of table 三 it is counted in (one row per application:
 * 区分处理 counts only as 部分公开). The row is named by its path in the report template, whose label is the
 * only one used.
 *
 * Mapping per rules-reference.md §1 ("Mapping of reply types to the annual-report table 三 rows").
 */
import { appRowByPath, type AppRowDef } from '../report/template';

export interface Decision {
  key: string;
  /** what the officer picks, in Chinese */
  label: string;
  /** path of the row of table 三, relative to `applications` (e.g. "withheld.thirdPartyRights") */
  row: string;
  basis: string;
  /** the paragraph of the reply letter stating the decision ({内容} is the information requested) */
  paragraph: string;
  /** statuses in which this decision may close a case, beyond 办理中 */
  alsoFrom?: ('awaitingCorrection' | 'awaitingFee')[];
  /** only from those statuses (a lapse decision) */
  onlyFrom?: ('awaitingCorrection' | 'awaitingFee')[];
  /**
   * The remedy the letter states (remedies.ts): a refusal to disclose (不予公开, and the withheld part of 部分公开)
   * must go to 行政复议 before 行政诉讼 (行政复议法 第二十三条第一款第（四）项, in force 2024-01-01); the others
   * keep the choice.
   */
  remedy: 'choice' | 'reconsiderationFirst' | 'partialReconsiderationFirst';
}

const 条例 = '《中华人民共和国政府信息公开条例》';

export const DECISIONS: Decision[] = [
  {
    key: 'provided',
    label: '予以公开：提供所申请的政府信息',
    row: 'disclosed',
    remedy: 'choice',
    basis: `${条例}第三十六条第（二）项`,
    paragraph: `经审查，您申请获取的“{内容}”属于可以公开的政府信息。根据${条例}第三十六条第（二）项的规定，现向您提供该政府信息（见附件）。`,
  },
  {
    key: 'alreadyPublic',
    label: '予以公开：已主动公开，告知获取途径',
    row: 'disclosed',
    remedy: 'choice',
    basis: `${条例}第三十六条第（一）项`,
    paragraph: `经审查，您申请获取的“{内容}”本机关已主动公开。根据${条例}第三十六条第（一）项的规定，您可以通过本机关政府信息公开专栏查阅获取。`,
  },
  {
    key: 'partial',
    label: '部分公开：区分处理',
    row: 'partial',
    remedy: 'partialReconsiderationFirst',
    basis: `${条例}第三十七条`,
    paragraph: `经审查，您申请获取的“{内容}”中含有不应当公开的内容，但能够作区分处理。根据${条例}第三十七条的规定，现向您提供可以公开的部分，不予公开的部分及理由说明如下：{理由}`,
  },
  ...(
    [
      ['stateSecret', '第十四条', '属于依法确定为国家秘密的政府信息'],
      ['prohibitedByLaw', '第十四条', '属于法律、行政法规禁止公开的政府信息'],
      ['endangersSafety', '第十四条', '公开后可能危及国家安全、公共安全、经济安全、社会稳定'],
      ['thirdPartyRights', '第十五条', '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害'],
      ['internalAffairs', '第十六条第一款', '属于行政机关的内部事务信息'],
      ['processInfo', '第十六条第二款', '属于行政机关在履行行政管理职能过程中形成的过程性信息'],
      ['enforcementFile', '第十六条第二款', '属于行政执法案卷信息'],
    ] as const
  ).map(
    ([key, article, why]): Decision => ({
      key,
      label: `不予公开：${why}`,
      row: `withheld.${key}`,
      basis: `${条例}${article}`,
      remedy: 'reconsiderationFirst',
      paragraph: `经审查，您申请获取的“{内容}”${why}。根据${条例}${article}的规定，本机关决定不予公开。{理由}`,
    }),
  ),
  {
    // 条例 Art. 36(7) is not a refusal: the applicant is told to follow the procedure of that law (so no 复议前置)
    key: 'administrativeQuery',
    label: '告知依照有关法律、行政法规的规定办理（行政查询事项）',
    row: 'withheld.administrativeQuery',
    basis: `${条例}第三十六条第（七）项`,
    remedy: 'choice',
    paragraph: `经审查，您申请获取的“{内容}”属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据${条例}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理：{理由}`,
  },
  {
    key: 'notExist',
    label: '无法提供：经检索没有所申请公开信息',
    row: 'unavailable.notHeld',
    remedy: 'choice',
    basis: `${条例}第三十六条第（四）项`,
    paragraph: `经检索，本机关没有制作或者获取您申请获取的“{内容}”。根据${条例}第三十六条第（四）项的规定，告知您该政府信息不存在。`,
  },
  {
    key: 'notOurs',
    label: '无法提供：不属于本机关负责公开',
    row: 'unavailable.notHeld',
    remedy: 'choice',
    basis: `${条例}第三十六条第（五）项`,
    paragraph: `经审查，您申请获取的“{内容}”不属于本机关负责公开的政府信息。根据${条例}第三十六条第（五）项的规定，特此告知。{理由}`,
  },
  {
    key: 'needsCreation',
    label: '无法提供：没有现成信息，需要另行制作',
    row: 'unavailable.needsCreation',
    remedy: 'choice',
    basis: `${条例}第三十八条`,
    paragraph: `经审查，本机关没有您申请获取的“{内容}”的现成信息，提供该信息需要对现有政府信息进行加工、分析。根据${条例}第三十八条的规定，本机关不予提供。`,
  },
  {
    key: 'unclearAfterCorrection',
    label: '无法提供：补正后申请内容仍不明确',
    row: 'unavailable.unclear',
    remedy: 'choice',
    basis: `${条例}第三十条`,
    paragraph: `您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。根据${条例}第三十条的规定，特此告知。`,
  },
  {
    key: 'complaint',
    label: '不予处理：信访、举报、投诉类申请',
    row: 'notProcessed.complaint',
    remedy: 'choice',
    basis: `${条例}第三十九条第一款`,
    paragraph: `经审查，您以政府信息公开申请的形式提出的事项属于信访、投诉、举报等活动。根据${条例}第三十九条第一款的规定，不作为政府信息公开申请处理，您可以通过相应渠道提出。`,
  },
  {
    key: 'duplicate',
    label: '不予处理：重复申请',
    row: 'notProcessed.duplicate',
    remedy: 'choice',
    basis: `${条例}第三十六条第（六）项`,
    paragraph: `本机关已就您此前提出的相同政府信息公开申请作出答复。根据${条例}第三十六条第（六）项的规定，不予重复处理。`,
  },
  {
    key: 'publication',
    label: '不予处理：要求提供公开出版物',
    row: 'notProcessed.publication',
    remedy: 'choice',
    basis: `${条例}第三十九条第二款`,
    paragraph: `您申请获取的“{内容}”属于公开出版物。根据${条例}第三十九条第二款的规定，告知您获取途径：{理由}`,
  },
  {
    key: 'excessive',
    label: '不予处理：无正当理由大量反复申请',
    row: 'notProcessed.excessive',
    remedy: 'choice',
    basis: `${条例}第三十五条`,
    paragraph: `您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理。根据${条例}第三十五条的规定，本机关不予处理。`,
  },
  {
    key: 'confirmation',
    label: '不予处理：要求确认或重新出具已获取信息',
    row: 'notProcessed.confirmation',
    remedy: 'choice',
    basis: `${条例}第二条`,
    paragraph: `您的申请系要求本机关确认或者重新出具您已获取的信息，不属于${条例}所指的政府信息公开申请，本机关不予处理。`,
  },
  {
    key: 'noCorrection',
    label: '其他处理：申请人无正当理由逾期不补正',
    row: 'other.noCorrection',
    remedy: 'choice',
    basis: `${条例}第三十条`,
    paragraph: `本机关已于{补正通知日}告知您对申请作出补正，您无正当理由逾期未补正。根据${条例}第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。`,
    onlyFrom: ['awaitingCorrection'],
  },
  {
    key: 'feeUnpaid',
    label: '其他处理：申请人逾期未缴纳信息处理费',
    row: 'other.feeUnpaid',
    remedy: 'choice',
    basis: '《政府信息公开信息处理费管理办法》',
    paragraph: '本机关已于{收费通知日}向您发出收费通知，您逾期未缴纳信息处理费。根据《政府信息公开信息处理费管理办法》的规定，视为放弃申请，本机关不再处理该政府信息公开申请。',
    onlyFrom: ['awaitingFee'],
  },
  {
    key: 'withdrawn',
    label: '其他处理：申请人撤回申请等其他情形',
    row: 'other.other',
    remedy: 'choice',
    basis: `${条例}`,
    paragraph: '{理由}',
    alsoFrom: ['awaitingCorrection', 'awaitingFee'],
  },
];

export function decisionByKey(key: string): Decision | undefined {
  return DECISIONS.find((d) => d.key === key);
}

/** The row of table 三 a decision is counted in (from the template). */
export function decisionRow(key: string): AppRowDef | undefined {
  const d = decisionByKey(key);
  return d ? appRowByPath(`applications.${d.row}`) : undefined;
}
