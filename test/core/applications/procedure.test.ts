/**
 * The law's dates and preconditions of each step (issue 7, defects 2–6 and 8), replayed as `gongkai case`
 * replays them. Every date is worked out by hand on the 2026 calendar: March 2026 has no holiday, 清明 is
 * 4/4–4/6 (Sat–Mon), so the working days after Monday 2026-03-02 are
 *   3/3 3/4 3/5 3/6 | 3/9–3/13 | 3/16–3/20 | 3/23–3/27 | 3/30 3/31 4/1 4/2 4/3 | 4/7–4/10 | 4/13–4/17 | 4/20–4/24 | 4/27 4/28
 * (the 20th working day after 3/2 is 3/30).
 */
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../src/core/clock/calendar';
import { caseFileSchema, replayCase, type CaseFile } from '../../../src/core/applications/replay';
import { caseClock } from '../../../src/core/applications/clock';

const cal = defaultCalendar();
const replay = (file: CaseFile) => replayCase(caseFileSchema.parse(file), cal);
const online = (steps: CaseFile['steps'], asOf = '2026-06-30') => replay({ channel: 'online', received: '2026-03-02', asOf, steps });

describe('Art. 33(2): an extension is approved and told within the original period', () => {
  it('is refused the day after the deadline, naming the article and the date it was due', () => {
    const r = online([{ on: '2026-03-31', step: 'extend', days: 20 }]);
    expect(r.steps[0].accepted).toBe(false);
    expect(r.steps[0].reason).toContain('条例第三十三条第二款');
    expect(r.steps[0].reason).toContain('本申请答复期限为 2026-03-30');
    // the lateness stays: due 3/30, overdue as of 4/1
    expect(r.due).toBe('2026-03-30');
    expect(r.overdue).toBe(true);
  });

  it('is accepted on the last day and adds 20 working days (3/30 → 4/28)', () => {
    const r = online([{ on: '2026-03-30', step: 'extend', days: 20 }], '2026-04-20');
    expect(r.steps[0].accepted).toBe(true);
    expect(r.due).toBe('2026-04-28');
    expect(r.overdue).toBe(false);
  });
});

describe('Art. 30: the 补正 notice within 7 working days of receipt', () => {
  it('is accepted on the 7th working day (3/11) and refused on the 8th (3/12)', () => {
    expect(online([{ on: '2026-03-11', step: 'requestCorrection' }]).steps[0].accepted).toBe(true);
    const late = online([{ on: '2026-03-12', step: 'requestCorrection' }]);
    expect(late.steps[0].accepted).toBe(false);
    expect(late.steps[0].reason).toContain('条例第三十条');
    expect(late.steps[0].reason).toContain('告知补正的最后一日为 2026-03-11');
    // a refused notice does not restart the clock
    expect(late.due).toBe('2026-03-30');
  });

  it('restarts the 20 days from the corrected application', () => {
    // corrected on 3/16: 20 working days after it → 3/17–20 (4), 3/23–27 (9), 3/30–4/3 (14), 4/7–4/10 (18), 4/13 (19), 4/14 (20)
    const r = online([
      { on: '2026-03-04', step: 'requestCorrection' },
      { on: '2026-03-16', step: 'corrected' },
    ]);
    expect(r.steps.every((s) => s.accepted)).toBe(true);
    expect(r.due).toBe('2026-04-14');
  });
});

describe('lapses only after the period stated in the notice', () => {
  it('逾期不补正: a 15-day correction period from 3/4 ends 3/25; 视为放弃 refused on 3/25, accepted on 3/26', () => {
    const steps = (on: string): CaseFile['steps'] => [
      { on: '2026-03-04', step: 'requestCorrection', days: 15 },
      { on, step: 'lapse', reason: 'noCorrection' },
    ];
    const early = online(steps('2026-03-25'));
    expect(early.steps[1]).toMatchObject({ accepted: false });
    expect(early.steps[1].reason).toContain('补正期限至 2026-03-25 届满');
    expect(online(steps('2026-03-05')).steps[1].accepted).toBe(false); // the old code accepted it the day after the notice
    expect(online(steps('2026-03-26')).steps[1].accepted).toBe(true);
  });

  it('逾期未缴费: a notice received 3/10 is payable until 4/8; 视为放弃 refused on 4/8, accepted on 4/9', () => {
    // 20 working days after 3/10: 3/11–13 (3), 3/16–20 (8), 3/23–27 (13), 3/30–4/3 (18), 4/7 (19), 4/8 (20)
    const steps = (on: string): CaseFile['steps'] => [
      { on: '2026-03-10', step: 'feeNotice', delivered: '2026-03-10' },
      { on, step: 'lapse', reason: 'feeUnpaid' },
    ];
    const early = online(steps('2026-04-08'));
    expect(early.payBy).toBe('2026-04-08');
    expect(early.steps[1].accepted).toBe(false);
    expect(online(steps('2026-03-11')).steps[1].accepted).toBe(false);
    expect(online(steps('2026-04-09')).steps[1].accepted).toBe(true);
  });
});

describe('the payment period runs from the day the applicant receives the fee notice', () => {
  it('by post: unknown until the signed-for date is recorded, then 20 working days after it', () => {
    const r = replay({
      channel: 'post',
      signedFor: '2026-03-02',
      asOf: '2026-05-29',
      steps: [
        { on: '2026-03-10', step: 'feeNotice' },
        { on: '2026-03-20', step: 'lapse', reason: 'feeUnpaid' },
        { on: '2026-03-20', step: 'feeDelivered', delivered: '2026-03-13' },
        { on: '2026-04-13', step: 'lapse', reason: 'feeUnpaid' },
        { on: '2026-04-14', step: 'lapse', reason: 'feeUnpaid' },
      ],
    });
    // received: the day the agency signed for the letter (Art. 31(2))
    expect(r.received).toBe('2026-03-02');
    expect(r.steps.map((s) => s.accepted)).toEqual([true, false, true, false, true]);
    expect(r.steps[1].reason).toContain('尚未登记申请人收到收费通知的日期');
    // 20 working days after Friday 3/13: 3/16–20 (5), 3/23–27 (10), 3/30–4/3 (15), 4/7–4/10 (19), 4/13 (20)
    expect(r.payBy).toBe('2026-04-13');
  });

  it('a fee notice after the reply period is refused', () => {
    const r = online([{ on: '2026-03-31', step: 'feeNotice', delivered: '2026-03-31' }]);
    expect(r.steps[0].accepted).toBe(false);
    expect(r.steps[0].reason).toContain('收费通知应当在政府信息公开申请处理期限内发出');
  });

  it('one sent on the last day pauses the clock; the case is not overdue while the applicant may pay', () => {
    const waiting = online([{ on: '2026-03-30', step: 'feeNotice', delivered: '2026-03-30' }], '2026-04-20');
    expect(waiting.steps[0].accepted).toBe(true);
    expect(waiting.due).toBeNull();
    expect(waiting.overdue).toBe(false);
    // 20 working days after 3/30: 3/31–4/3 (4), 4/7–10 (8), 4/13–17 (13), 4/20–24 (18), 4/27 (19), 4/28 (20)
    expect(waiting.payBy).toBe('2026-04-28');
    // paid on 4/22: no working day was left, so the reply is due the day the payment arrives
    const paid = online(
      [
        { on: '2026-03-30', step: 'feeNotice', delivered: '2026-03-30' },
        { on: '2026-04-22', step: 'feePaid' },
      ],
      '2026-04-23',
    );
    expect(paid.due).toBe('2026-04-22');
    expect(paid.overdue).toBe(true);
  });
});

describe('Art. 32/34: a consultation excludes at most 15 working days', () => {
  // consult 3/9 (5 working days used: 3/3–3/9); 15 working days after 3/9 lapse on 3/30; 15 left from 3/31:
  // 3/31–4/3 (4), 4/7–10 (8), 4/13–17 (13), 4/20 (14), 4/21 (15)
  it('ends by itself when the 15 days lapse without an opinion', () => {
    const r = online([{ on: '2026-03-09', step: 'consult', party: 'thirdParty' }], '2026-04-15');
    expect(r.paused).toEqual([{ kind: 'thirdParty', from: '2026-03-09', to: '2026-03-30' }]);
    expect(r.due).toBe('2026-04-21');
    expect(r.lines.some((l) => l.includes('15个工作日内（至 2026-03-30）未提出意见') && l.includes('条例第三十二条'))).toBe(true);
  });

  it('holds the clock while the period runs', () => {
    const r = online([{ on: '2026-03-09', step: 'consult', party: 'thirdParty' }], '2026-03-20');
    expect(r.due).toBeNull();
    expect(r.paused).toEqual([{ kind: 'thirdParty', from: '2026-03-09', to: null }]);
  });

  it("ends at the opinion when it comes first; an agency's silence counts as consent (Art. 34)", () => {
    // opinion on 3/16: excluded 3/10–3/16 (5 days); 15 left from 3/17: 3/17–20 (4), 3/23–27 (9), 3/30–4/3 (14), 4/7 (15)
    const replied = online(
      [
        { on: '2026-03-09', step: 'consult', party: 'thirdParty' },
        { on: '2026-03-16', step: 'consultReply' },
      ],
      '2026-04-01',
    );
    expect(replied.due).toBe('2026-04-07');
    const agency = online([{ on: '2026-03-09', step: 'consult', party: 'agency' }], '2026-04-15');
    expect(agency.lines.some((l) => l.includes('视为同意公开（条例第三十四条）'))).toBe(true);
  });

  it('the case page says so too, with the case no longer held', () => {
    const clock = caseClock(
      { receivedOn: '2026-03-02', status: 'consulting', repliedOn: null },
      [{ kind: 'startConsultation', on: '2026-03-09', data: { with: 'thirdParty' } }],
      cal,
      '2026-04-15',
    );
    expect(clock.state).toBe('running');
    expect(clock.due).toBe('2026-04-21');
    expect(clock.procedure.some((l) => l.includes('未提出意见'))).toBe(true);
  });
});

describe('refusals need their procedure', () => {
  it('Art. 15/32: 保护第三方合法权益 needs a consultation on record, or a reason why none was needed', () => {
    const bare = online([{ on: '2026-03-20', step: 'reply', outcome: 'withheld.thirdPartyRights' }]);
    expect(bare.steps[0].accepted).toBe(false);
    expect(bare.steps[0].reason).toContain('条例第三十二条');
    const reasoned = online([{ on: '2026-03-20', step: 'reply', outcome: 'withheld.thirdPartyRights', noConsultationReason: '第三方已书面表示不同意公开' }]);
    expect(reasoned.steps[0].accepted).toBe(true);
    const consulted = online([
      { on: '2026-03-09', step: 'consult', party: 'thirdParty' },
      { on: '2026-03-12', step: 'consultReply' },
      { on: '2026-03-20', step: 'reply', outcome: 'withheld.thirdPartyRights' },
    ]);
    expect(consulted.steps.every((s) => s.accepted)).toBe(true);
  });

  it('Art. 35: 无正当理由大量反复申请 needs the request for reasons; a deferral sets the later reply date', () => {
    const bare = online([{ on: '2026-03-20', step: 'reply', outcome: 'notProcessed.excessive' }]);
    expect(bare.steps[0].accepted).toBe(false);
    expect(bare.steps[0].reason).toContain('条例第三十五条');
    const asked = online([
      { on: '2026-03-05', step: 'requestReasons' },
      { on: '2026-03-20', step: 'reply', outcome: 'notProcessed.excessive' },
    ]);
    expect(asked.steps.every((s) => s.accepted)).toBe(true);
    const deferred = online(
      [
        { on: '2026-03-05', step: 'defer', until: '2026-05-29' },
        { on: '2026-03-05', step: 'requestReasons' },
        { on: '2026-03-10', step: 'defer', until: '2026-05-29' },
      ],
      '2026-05-01',
    );
    expect(deferred.steps.map((s) => s.accepted)).toEqual([false, true, true]);
    expect(deferred.due).toBe('2026-05-29');
    expect(deferred.overdue).toBe(false);
  });

  it('Art. 36(7): a 行政查询事项 reply must name the law and the procedure to follow', () => {
    expect(online([{ on: '2026-03-20', step: 'reply', outcome: 'withheld.administrativeQuery' }]).steps[0].accepted).toBe(false);
    expect(
      online([{ on: '2026-03-20', step: 'reply', outcome: 'withheld.administrativeQuery', reason: '请依照《不动产登记暂行条例》的规定，向不动产登记机构申请查询。' }]).steps[0]
        .accepted,
    ).toBe(true);
  });
});

describe('the replay as a whole', () => {
  it("works the issue's example out by hand", () => {
    // consult 3/9 lapses 3/30; original due 4/21 (above); extension on 4/10 is within it: 20 more working days
    // 4/22–24 (3), 4/27–30 (7), 5/1–5/5 劳动节, 5/6–8 (10), 5/9 Sat 调休 (11), 5/11–15 (16), 5/18–21 (20)
    const r = replay({
      channel: 'online',
      received: '2026-03-02',
      asOf: '2026-05-20',
      steps: [
        { on: '2026-03-09', step: 'consult', party: 'thirdParty' },
        { on: '2026-04-10', step: 'extend', days: 20 },
      ],
    });
    expect(r).toMatchObject({ due: '2026-05-21', overdue: false, payBy: null });
    expect(r.steps).toEqual([
      { on: '2026-03-09', step: 'consult', accepted: true },
      { on: '2026-04-10', step: 'extend', accepted: true },
    ]);
  });

  it('refuses steps out of order and a second 补正', () => {
    const r = online([
      { on: '2026-03-05', step: 'requestCorrection' },
      { on: '2026-03-04', step: 'corrected' },
      { on: '2026-03-06', step: 'corrected' },
      { on: '2026-03-09', step: 'requestCorrection' },
    ]);
    expect(r.steps.map((s) => s.accepted)).toEqual([true, false, true, false]);
    expect(r.steps[3].reason).toContain('一次性告知');
  });

  it('names the field of bad input', () => {
    expect(caseFileSchema.safeParse({ channel: 'post', received: '2026-03-02', asOf: '2026-04-01' }).error?.issues[0].message).toContain('signedFor');
    expect(caseFileSchema.safeParse({ channel: 'online', received: '2026-02-30', asOf: '2026-04-01' }).error?.issues[0].path).toEqual(['received']);
  });
});
