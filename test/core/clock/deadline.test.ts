/**
 * Every expected date below was counted by hand from the official arrangements:
 * 2025 (国办发明电〔2024〕12号): 元旦 1/1; 春节 1/28–2/4, 上班 1/26（日）、2/8（六）; 清明 4/4–4/6; 劳动节 5/1–5/5, 上班 4/27（日）;
 *   端午 5/31–6/2; 国庆中秋 10/1–10/8, 上班 9/28（日）、10/11（六）.
 * 2026: 元旦 1/1–1/3, 上班 1/4（日）; 春节 2/15–2/23, 上班 2/14（六）、2/28（六）; 清明 4/4–4/6; 劳动节 5/1–5/5, 上班 5/9（六）;
 *   端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7, 上班 9/20（日）、10/10（六）.
 * Weekday anchors: 2025-01-01 Wed, 2025-10-01 Wed, 2026-01-01 Thu, 2026-02-01 Sun, 2026-03-02 Mon.
 * "n" below = the n-th counted working day after day 0.
 */
import { describe, expect, it } from 'vitest';
import { CalendarMissingError, InvalidDateError, createCalendar, defaultCalendar } from '../../../src/core/clock/calendar';
import {
  DeadlineInputError,
  addWorkdays,
  correctionNoticeDue,
  countWorkdays,
  feePaymentDue,
  otherAgencyReplyDue,
  receiptDate,
  replyDeadline,
  thirdPartyReplyDue,
  type ReplyDeadlineInput,
} from '../../../src/core/clock/deadline';

const cal = defaultCalendar();

function fixed(input: ReplyDeadlineInput) {
  const r = replyDeadline(input, cal);
  if (r.status !== 'due') throw new Error(`expected a fixed deadline, got ${r.status}`);
  return r;
}

describe('addWorkdays / countWorkdays', () => {
  it.each([
    // [from, n, expected, reasoning]
    ['2025-03-03', 20, '2025-03-31', 'Mon; four plain weeks: 3/4–7 (4), 3/10–14 (9), 3/17–21 (14), 3/24–28 (19), 3/31 (20)'],
    ['2025-09-30', 1, '2025-10-09', 'Tue; 10/1–10/8 国庆中秋 holiday, 10/9 Thu is the first working day'],
    ['2025-09-26', 1, '2025-09-28', 'Fri; 9/27 Sat skipped, 9/28 Sun is a 调休上班日'],
    ['2026-02-13', 1, '2026-02-14', 'Fri; 2/14 Sat is a 调休上班日'],
    ['2026-02-14', 1, '2026-02-24', 'Sat (working); 2/15–2/23 春节, 2/24 Tue'],
    ['2025-12-31', 1, '2026-01-04', 'Wed; 1/1–1/3 元旦, 1/4 Sun is a 调休上班日 (crosses the year)'],
    ['2026-03-09', 0, '2026-03-09', 'n = 0 is the start day itself'],
  ])('addWorkdays(%s, %i) = %s', (from, n, expected) => {
    expect(addWorkdays(cal, from, n)).toBe(expected);
  });

  it.each([
    // [from, to, expected, reasoning]
    ['2026-02-10', '2026-03-10', 16, '2/11,12,13,14(调休),24,25,26,27,28(调休) = 9; 3/2–6 = 14; 3/9,10 = 16'],
    ['2025-09-30', '2025-10-08', 0, 'every day after 9/30 up to 10/8 is a holiday'],
    ['2025-09-26', '2025-09-28', 1, '9/27 Sat no, 9/28 Sun 调休上班日 yes'],
    ['2026-03-09', '2026-03-09', 0, 'from = to: the start day is never counted'],
    ['2026-03-06', '2026-03-09', 1, 'Fri → Mon: only Monday counts (end day included)'],
  ])('countWorkdays(%s, %s) = %i', (from, to, expected) => {
    expect(countWorkdays(cal, from, to)).toBe(expected);
  });

  it('rejects a negative or fractional count, an end before the start, and years without calendar', () => {
    expect(() => addWorkdays(cal, '2026-03-09', -1)).toThrow('工作日数必须是非负整数，收到：-1');
    expect(() => addWorkdays(cal, '2026-03-09', 1.5)).toThrow(DeadlineInputError);
    expect(() => countWorkdays(cal, '2026-03-10', '2026-03-09')).toThrow('结束日期 2026-03-09 早于起始日期 2026-03-10');
    expect(() => addWorkdays(cal, '2026-12-30', 5)).toThrow(CalendarMissingError);
  });
});

describe('limits of Art. 30, 32, 34 and the fee notice', () => {
  it.each([
    // [fn, from, expected, reasoning]
    [correctionNoticeDue, '2025-03-03', '2025-03-12', '7 wd (Art. 30): 3/4,5,6,7 (4), 3/10,11,12 (7)'],
    [correctionNoticeDue, '2026-02-10', '2026-02-26', '7 wd: 2/11,12,13 (3), 2/14 调休 (4), 春节 2/15–23, 2/24,25,26 (7)'],
    [thirdPartyReplyDue, '2026-03-02', '2026-03-23', '15 wd (Art. 32): 3/3–6 (4), 3/9–13 (9), 3/16–20 (14), 3/23 (15)'],
    [otherAgencyReplyDue, '2025-01-20', '2025-02-14', '15 wd (Art. 34): 1/21–24 (4), 1/26 调休 (5), 1/27 (6), 春节, 2/5–7 (9), 2/8 调休 (10), 2/10–14 (15)'],
    [feePaymentDue, '2025-09-26', '2025-10-30', '20 wd (办法): 9/28 调休 (1), 9/29,30 (3), 国庆, 10/9,10 (5), 10/11 调休 (6), 10/13–17 (11), 10/20–24 (16), 10/27–30 (20)'],
  ])('%o from %s → %s', (fn, from, expected) => {
    expect(fn(cal, from)).toBe(expected);
  });
});

describe('receipt date (Art. 31)', () => {
  it.each([
    [{ channel: 'inPerson', submittedOn: '2026-03-02' }, '2026-03-02', '申请人当面提交，以提交之日为收到申请之日（《政府信息公开条例》第三十一条第（一）项）'],
    [{ channel: 'post', signedOn: '2026-03-03' }, '2026-03-03', '申请人以邮寄方式提交，以行政机关签收之日为收到申请之日（《政府信息公开条例》第三十一条第（二）项）'],
    [
      { channel: 'ordinaryLetter', confirmedOn: '2026-03-04' },
      '2026-03-04',
      '申请人以平常信函等无需签收的方式邮寄提交，以与申请人确认之日为收到申请之日（《政府信息公开条例》第三十一条第（二）项）',
    ],
    [{ channel: 'online', confirmedOn: '2026-03-05' }, '2026-03-05', '申请人通过互联网渠道提交，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第（三）项）'],
    [
      { channel: 'fax', confirmedOn: '2026-03-06' },
      '2026-03-06',
      '申请人通过政府信息公开工作机构的传真提交，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第（三）项）',
    ],
  ] as const)('%o', (input, receivedOn, reason) => {
    expect(receiptDate(input)).toEqual({ receivedOn, reason });
  });

  it('rejects a bad date', () => {
    expect(() => receiptDate({ channel: 'post', signedOn: '2026-02-30' })).toThrow('签收日期“2026-02-30”无效');
  });
});

describe('replyDeadline: start day, holidays, 调休', () => {
  it.each([
    // [receivedOn, due, reasoning]
    ['2025-03-03', '2025-03-31', 'ordinary Monday, no holiday: 3/4–7 (4), 3/10–14 (9), 3/17–21 (14), 3/24–28 (19), 3/31 (20)'],
    ['2026-03-07', '2026-04-03', 'Saturday is still day 0: 3/9–13 (5), 3/16–20 (10), 3/23–27 (15), 3/30,31,4/1,2,3 (20); 清明 starts 4/4'],
    ['2026-03-06', '2026-04-03', 'Friday receipt: the same 20 days as the Saturday receipt (weekend days never count)'],
    ['2026-03-08', '2026-04-03', 'Sunday receipt: same again'],
    ['2025-10-03', '2025-11-04', 'public holiday (国庆) is day 0: 10/4–8 holiday, 10/9,10 (2), 10/11 调休 (3), 10/13–17 (8), 10/20–24 (13), 10/27–31 (18), 11/3,4 (20)'],
    ['2025-01-20', '2025-02-21', '春节 2025: 1/21–24 (4), 1/26 调休 (5), 1/27 (6), 1/28–2/4 holiday, 2/5–7 (9), 2/8 调休 (10), 2/10–14 (15), 2/17–21 (20)'],
    ['2026-02-10', '2026-03-16', '春节 2026: 2/11–13 (3), 2/14 调休 (4), 2/15–23 holiday, 2/24–27 (8), 2/28 调休 (9), 3/2–6 (14), 3/9–13 (19), 3/16 (20)'],
    ['2025-09-26', '2025-10-30', '国庆 2025: 9/28 调休 (1), 9/29,30 (3), 10/1–8 holiday, 10/9,10 (5), 10/11 调休 (6), 10/13–17 (11), 10/20–24 (16), 10/27–30 (20)'],
    ['2025-12-31', '2026-01-29', '元旦 2026 across the year: 1/4 调休 (1), 1/5–9 (6), 1/12–16 (11), 1/19–23 (16), 1/26–29 (20)'],
  ])('received %s → due %s', (receivedOn, due) => {
    const r = fixed({ receivedOn });
    expect(r.due).toBe(due);
    expect(r.originalDue).toBe(due);
    expect(r.start).toBe(receivedOn);
    expect(r.extensionDays).toBe(0);
  });

  it('explains Spring Festival 2025 line by line', () => {
    const r = fixed({ receivedOn: '2025-01-20' });
    expect(r.lines).toEqual([
      '收到申请日 2025-01-20（星期一；第 0 日，不计入）',
      '2025-01-26（星期日）为春节调休上班日，计入',
      '跳过春节假期 2025-01-28 至 2025-02-04',
      '2025-02-08（星期六）为春节调休上班日，计入',
      '跳过周六、周日共 4 天', // 1/25, 2/9, 2/15, 2/16
      '第 20 个工作日为 2025-02-21（星期五），法定答复期限届满',
      '答复期限：2025-02-21',
    ]);
    expect(r.explanation.holidaysSkipped).toHaveLength(8); // 1/28 … 2/4
    expect(r.explanation.holidaysSkipped[0]).toEqual({ date: '2025-01-28', name: '春节' });
    expect(r.explanation.makeupWorkdaysCounted).toEqual([
      { date: '2025-01-26', name: '春节', weekdayName: '星期日' },
      { date: '2025-02-08', name: '春节', weekdayName: '星期六' },
    ]);
    expect(r.explanation.weekendDaysSkipped).toBe(4);
    expect(r.explanation.start).toEqual({ date: '2025-01-20', reason: 'receipt', weekdayName: '星期一', kind: 'workday' });
  });

  it('names National Day and Mid-Autumn together and notes a holiday receipt day', () => {
    const r = fixed({ receivedOn: '2025-10-03' });
    expect(r.lines[0]).toBe('收到申请日 2025-10-03（星期五，国庆节假期；第 0 日，不计入）');
    expect(r.lines[1]).toBe('跳过国庆节、中秋节假期 2025-10-04 至 2025-10-08');
    expect(r.lines[2]).toBe('2025-10-11（星期六）为国庆节调休上班日，计入');
    expect(r.explanation.holidayPeriods).toEqual([{ from: '2025-10-04', to: '2025-10-08', name: '国庆节、中秋节' }]);
    // weekends: 10/12, 10/18, 10/19, 10/25, 10/26, 11/1, 11/2
    expect(r.explanation.weekendDaysSkipped).toBe(7);
  });

  it('notes a Saturday receipt day', () => {
    expect(fixed({ receivedOn: '2026-03-07' }).lines[0]).toBe('收到申请日 2026-03-07（星期六；第 0 日，不计入）');
  });
});

describe('replyDeadline: correction, pauses, extension', () => {
  it.each([
    {
      name: 'correction restarts the count (Art. 30)',
      input: { receivedOn: '2026-03-02', corrections: [{ receivedOn: '2026-03-09' }] },
      // without the correction: 3/30. From 3/9: 3/10–13 (4), 3/16–20 (9), 3/23–27 (14), 3/30,31,4/1,2,3 (19), 清明 4/4–6, 4/7 (20)
      due: '2026-04-07',
    },
    {
      name: 'the last of two corrections counts',
      input: { receivedOn: '2026-03-02', corrections: [{ receivedOn: '2026-03-05' }, { receivedOn: '2026-03-09' }] },
      due: '2026-04-07', // same as above: start 3/9
    },
    {
      name: 'third-party pause P1 < d ≤ P2 (Art. 32–33)',
      input: { receivedOn: '2026-02-10', pauses: [{ kind: 'thirdParty', from: '2026-03-02', to: '2026-03-10' }] },
      // 3/2 (P1) still counts (10); 3/3,4,5,6,9,10 excluded (6); 3/11–13 (13), 3/16–20 (18), 3/23,24 (20)
      due: '2026-03-24',
    },
    {
      name: 'fee pause (办法)',
      input: { receivedOn: '2025-03-03', pauses: [{ kind: 'fee', from: '2025-03-10', to: '2025-03-14' }] },
      // 3/4–7 (4), 3/10 (5); 3/11–14 excluded (4); 3/17–21 (10), 3/24–28 (15), 3/31,4/1,2,3 (19), 清明 4/4–6, 4/7 (20)
      due: '2025-04-07',
    },
    {
      name: 'two pauses',
      input: {
        receivedOn: '2025-03-03',
        pauses: [
          { kind: 'fee', from: '2025-03-10', to: '2025-03-14' },
          { kind: 'thirdParty', from: '2025-03-20', to: '2025-03-27' },
        ],
      },
      // as above to 3/10 (5); 3/11–14 out; 3/17–20 (9); 3/21,24,25,26,27 out (5); 3/28 (10), 3/31–4/3 (14), 清明, 4/7–11 (19), 4/14 (20)
      due: '2025-04-14',
    },
    {
      name: 'overlapping pauses remove each day once',
      input: {
        receivedOn: '2025-03-03',
        pauses: [
          { kind: 'thirdParty', from: '2025-03-10', to: '2025-03-14' },
          { kind: 'otherAgency', from: '2025-03-12', to: '2025-03-19' },
        ],
      },
      // 3/10 (5); union 3/11–14, 3/17–19 out (7); 3/20,21 (7), 3/24–28 (12), 3/31–4/3 (16), 清明 4/4, 4/7–10 (20)
      due: '2025-04-10',
    },
    {
      name: 'a pause over a 调休上班日 excludes it too',
      input: { receivedOn: '2026-02-10', pauses: [{ kind: 'otherAgency', from: '2026-02-13', to: '2026-02-27' }] },
      // 2/11,12,13 (3); 2/14 调休, 2/24–27 out (5); 2/28 调休 (4), 3/2–6 (9), 3/9–13 (14), 3/16–20 (19), 3/23 (20)
      due: '2026-03-23',
    },
    {
      // issue 7: a notice sent on the last day (Monday 3/31, the 20th working day) stops the clock like any
      // other; no working day is left, so the limit is the day the pause ends (Tuesday 4/15, a working day)
      name: 'a pause beginning on the due day holds it until the pause ends',
      input: { receivedOn: '2025-03-03', pauses: [{ kind: 'thirdParty', from: '2025-03-31', to: '2025-04-15' }] },
      due: '2025-04-15',
    },
    {
      // ends on Saturday 2025-04-12: the next working day, Monday 4/14
      name: 'a pause beginning on the due day and ending on a Saturday holds it to the next working day',
      input: { receivedOn: '2025-03-03', pauses: [{ kind: 'fee', from: '2025-03-31', to: '2025-04-12' }] },
      due: '2025-04-14',
    },
    {
      name: 'a pause beginning the day after the due day does not move it',
      input: { receivedOn: '2025-03-03', pauses: [{ kind: 'thirdParty', from: '2025-04-01', to: '2025-04-15' }] },
      due: '2025-03-31',
    },
    {
      name: 'a pause that ended before the corrected application does not count',
      input: {
        receivedOn: '2026-03-02',
        corrections: [{ receivedOn: '2026-03-09' }],
        pauses: [{ kind: 'other', from: '2026-03-03', to: '2026-03-06' }],
      },
      due: '2026-04-07',
    },
  ])('$name → $due', ({ input, due }) => {
    expect(fixed(input as ReplyDeadlineInput).due).toBe(due);
  });

  it('explains a correction and a pause', () => {
    const c = fixed({ receivedOn: '2026-03-02', corrections: [{ receivedOn: '2026-03-09' }] });
    expect(c.start).toBe('2026-03-09');
    expect(c.explanation.start.reason).toBe('correction');
    expect(c.lines.slice(0, 3)).toEqual([
      '收到申请日 2026-03-02（星期一）',
      '收到补正申请日 2026-03-09（星期一；第 0 日，不计入）：依《政府信息公开条例》第三十条，答复期限自收到补正的申请之日起重新计算',
      '跳过清明节假期 2026-04-04 至 2026-04-06',
    ]);

    const p = fixed({ receivedOn: '2026-02-10', pauses: [{ kind: 'thirdParty', from: '2026-03-02', to: '2026-03-10' }] });
    expect(p.lines).toContain('征求第三方意见期间 2026-03-02 至 2026-03-10 不计入（6 个工作日：2026-03-03 至 2026-03-10）');
    expect(p.explanation.pausedWorkdays).toEqual([
      {
        pause: 0,
        kind: 'thirdParty',
        from: '2026-03-02',
        to: '2026-03-10',
        days: ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'],
      },
    ]);

    const o = fixed({
      receivedOn: '2025-03-03',
      pauses: [
        { kind: 'thirdParty', from: '2025-03-10', to: '2025-03-14' },
        { kind: 'otherAgency', from: '2025-03-12', to: '2025-03-19' },
      ],
    });
    expect(o.explanation.pausedWorkdays.map((x) => x.days.length)).toEqual([4, 5]); // 3/11–14; 3/13,14,17,18,19
    expect(o.lines).toContain('其中 2 个工作日同时处于多个暂停期间，只扣除一次'); // 3/13, 3/14

    const m = fixed({ receivedOn: '2026-02-10', pauses: [{ kind: 'otherAgency', from: '2026-02-13', to: '2026-02-27' }] });
    expect(m.lines).toContain('2026-02-14（星期六）为春节调休上班日，但处于暂停期间，不计入');
    expect(m.lines).toContain('2026-02-28（星期六）为春节调休上班日，计入');

    const late = fixed({ receivedOn: '2025-03-03', pauses: [{ kind: 'thirdParty', from: '2025-03-31', to: '2025-04-15' }] });
    // 4/1,2,3 (4/4 清明), 4/7–11, 4/14, 4/15: 10 working days
    expect(late.lines).toContain('征求第三方意见期间 2025-03-31 至 2025-04-15 不计入（10 个工作日：2025-04-01 至 2025-04-15）');
    expect(late.lines).toContain('征求第三方意见于期限届满当日（2025-03-31）开始，期限顺延至该期间结束（2025-04-15）');
    const after = fixed({ receivedOn: '2025-03-03', pauses: [{ kind: 'thirdParty', from: '2025-04-01', to: '2025-04-15' }] });
    expect(after.lines).toContain('征求第三方意见期间 2025-04-01 至 2025-04-15：该期间自答复期限届满之日（2025-03-31）或之后开始，不影响期限');
  });

  it('extends by up to 20 working days after the original deadline', () => {
    const r = fixed({ receivedOn: '2026-02-10', extensionDays: 20 });
    // original 3/16; then 3/17–20 (4), 3/23–27 (9), 3/30,31,4/1,2,3 (14), 清明 4/4–6, 4/7–10 (18), 4/13,14 (20)
    expect(r.originalDue).toBe('2026-03-16');
    expect(r.due).toBe('2026-04-14');
    expect(r.explanation.extendedDue).toBe('2026-04-14');
    expect(r.lines.slice(-3)).toEqual([
      '第 20 个工作日为 2026-03-16（星期一），法定答复期限届满',
      '经政府信息公开工作机构负责人同意延长 20 个工作日（《政府信息公开条例》第三十三条第二款），延长后期限为 2026-04-14（星期二）',
      '答复期限：2026-04-14',
    ]);

    const withPause = fixed({
      receivedOn: '2026-02-10',
      extensionDays: 20,
      pauses: [{ kind: 'thirdParty', from: '2026-03-02', to: '2026-03-10' }],
    });
    // original 3/24 (see the pause row); then 3/25–27 (3), 3/30–4/3 (8), 清明, 4/7–10 (12), 4/13–17 (17), 4/20,21,22 (20)
    expect(withPause.originalDue).toBe('2026-03-24');
    expect(withPause.due).toBe('2026-04-22');
  });

  it('refuses an extension of 21 working days', () => {
    expect(() => replyDeadline({ receivedOn: '2026-02-10', extensionDays: 21 }, cal)).toThrow(
      '延长答复期限最长不得超过 20 个工作日（《政府信息公开条例》第三十三条第二款），收到：21 个工作日',
    );
    expect(() => replyDeadline({ receivedOn: '2026-02-10', extensionDays: -1 }, cal)).toThrow(DeadlineInputError);
  });

  it('cannot fix the deadline while a pause is open', () => {
    const r = replyDeadline(
      { receivedOn: '2025-03-03', extensionDays: 5, pauses: [{ kind: 'thirdParty', from: '2025-03-10' }] },
      cal,
    );
    // counted before the pause: 3/4,5,6,7,10 = 5; remaining 20 + 5 − 5 = 20
    expect(r).toMatchObject({
      status: 'paused',
      due: null,
      usedWorkdays: 5,
      remainingWorkdays: 20,
      openPause: { pause: 0, kind: 'thirdParty', from: '2025-03-10' },
    });
    expect(r.lines.at(-1)).toBe(
      '征求第三方意见自 2025-03-10 起暂停计算，尚未结束，答复期限暂无法确定：已用 5 个工作日，尚余 20 个工作日',
    );

    // issue 7: an open pause that starts on the due day (a fee notice on the last day) holds the clock:
    // the applicant may still pay, so the case is not overdue
    const onLastDay = replyDeadline({ receivedOn: '2025-03-03', pauses: [{ kind: 'fee', from: '2025-03-31' }] }, cal);
    expect(onLastDay).toMatchObject({ status: 'paused', due: null, usedWorkdays: 20, remainingWorkdays: 0 });
    // one that starts the day after leaves the deadline fixed
    const after = replyDeadline({ receivedOn: '2025-03-03', pauses: [{ kind: 'fee', from: '2025-04-01' }] }, cal);
    expect(after.status).toBe('due');
    expect(after.due).toBe('2025-03-31');
    expect(after.lines).toContain(
      '收费通知至缴纳信息处理费（自 2025-04-01 起，尚未结束）：该期间自答复期限届满之日（2025-03-31）或之后开始，不影响期限',
    );
  });

  it('rejects inconsistent input', () => {
    expect(() => replyDeadline({ receivedOn: '2026-03-09', corrections: [{ receivedOn: '2026-03-06' }] }, cal)).toThrow(
      '收到补正申请日期 2026-03-06 早于收到申请日期 2026-03-09',
    );
    expect(() =>
      replyDeadline({ receivedOn: '2026-03-09', pauses: [{ kind: 'fee', from: '2026-03-12', to: '2026-03-11' }] }, cal),
    ).toThrow('第 1 个暂停期间（收费通知至缴纳信息处理费）的结束日期 2026-03-11 早于开始日期 2026-03-12');
    expect(() =>
      replyDeadline({ receivedOn: '2026-03-09', pauses: [{ kind: 'thirdParty', from: '2026-03-02', to: '2026-03-11' }] }, cal),
    ).toThrow('第 1 个暂停期间（征求第三方意见）的开始日期 2026-03-02 早于收到申请日期 2026-03-09');
    expect(() => replyDeadline({ receivedOn: '2026-02-29' }, cal)).toThrow(InvalidDateError);
  });
});

describe('years without calendar', () => {
  // Hypothetical 2027 entries for tests only: 1/1 (Fri) holiday, 1/9 (Sat) working day.
  const withOverrides = createCalendar({
    overrides: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-09', kind: 'workday', name: '元旦' },
    ],
    completeYears: [2027],
  });

  it('refuses a deadline that runs into 2027 without its calendar', () => {
    expect(() => replyDeadline({ receivedOn: '2026-12-25' }, cal)).toThrow(CalendarMissingError);
    expect(() => replyDeadline({ receivedOn: '2026-12-25' }, cal)).toThrow(
      '2027 年的节假日安排尚未录入，无法计算工作日，请管理员录入国务院办公厅公布的放假安排',
    );
  });

  it('computes it with the 2027 overrides', () => {
    const r = replyDeadline({ receivedOn: '2026-12-25' }, withOverrides);
    // 12/25 Fri; 12/28–31 (4); 1/1 holiday; 1/4–8 (9); 1/9 Sat working (10); 1/11–15 (15); 1/18–22 (20)
    expect(r.due).toBe('2027-01-22');
    expect(r.lines).toContain('跳过元旦假期 2027-01-01');
    expect(r.lines).toContain('2027-01-09（星期六）为元旦调休上班日，计入');
  });
});
