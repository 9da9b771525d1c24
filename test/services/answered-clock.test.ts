/**
 * After a case is answered its deadline no longer warns about a missing calendar: a case received late in
 * the last year chinese-days covers has its deadline in the next year, whose holidays are not entered. Open,
 * it must warn (the deadline cannot be worked out); answered, the clock stops with the reply day and no
 * warning, and whether the reply was on time is said once that year is entered.
 */
import { describe, expect, it } from 'vitest';
import { PACKAGE_YEARS } from '../../src/core/clock/calendar';
import { act, getApplication, listApplications, submitOnline, trackApplication } from '../../src/services/applications';
import { setCalendarYear } from '../../src/services/calendar';
import { DB_KINDS, type TestCtx } from '../helpers/db';
import { intake, worldPerSuite, type World } from '../helpers/world';

/** the last year the package covers; the next one is not entered in this database */
const LAST = Math.max(...PACKAGE_YEARS);
const NEXT = LAST + 1;

describe.each(DB_KINDS)('the deadline of an answered case (%s)', (kind) => {
  let ctx: TestCtx;
  let w: World;
  worldPerSuite(kind, (t) => ({ ctx, w } = t));
  let id = '';
  let code = '';

  it('open, received on 12-21: the 20 working days run into the next year, which is not entered — it warns', async () => {
    ctx.setToday(`${LAST}-12-21`);
    ({ id, trackingCode: code } = await submitOnline(ctx, intake(w.health.id)));
    const page = await getApplication(ctx, w.officer, w.health.id, id);
    expect(page.clock).toMatchObject({ state: 'unknown', missingYear: NEXT, due: null });
    expect(page.clock.lines.join('')).toContain(`${NEXT} 年的节假日安排尚未录入`);
  });

  it('answered on 12-24: the clock stops, no warning, on time or not left open', async () => {
    ctx.setToday(`${LAST}-12-24`);
    await act(ctx, w.officer, w.health.id, id, 'reply', { decision: 'provided' });
    const page = await getApplication(ctx, w.officer, w.health.id, id);
    expect(page.clock).toMatchObject({ state: 'stopped', missingYear: null, due: null, overdue: false, dueSoon: false, repliedLate: null, limits: [] });
    expect(page.clock.lines).toEqual([`已于 ${LAST}-12-24 答复，办理期限停止计算`, `答复是否在期限内，待 ${NEXT} 年节假日安排录入后显示`]);
    // the queue and the applicant's tracking page say the same
    const [row] = (await listApplications(ctx, w.officer, w.health.id, { status: 'replied' })).filter((c) => c.id === id);
    expect(row.clock.state).toBe('stopped');
    expect((await trackApplication(ctx, code)).clock).toMatchObject({ state: 'stopped', overdue: false });
  });

  it('closed, a day later: still no warning', async () => {
    ctx.setToday(`${LAST}-12-25`);
    await act(ctx, w.officer, w.health.id, id, 'close', {});
    expect((await getApplication(ctx, w.officer, w.health.id, id)).clock).toMatchObject({ state: 'stopped', missingYear: null });
  });

  it('once the next year is entered, the clock says the reply was on time', async () => {
    await setCalendarYear(ctx.db, w.platformAdmin, NEXT, '国办发明电〔测试〕1号', [{ date: `${NEXT}-01-01`, kind: 'holiday', name: '元旦' }]);
    const page = await getApplication(ctx, w.officer, w.health.id, id);
    expect(page.clock).toMatchObject({ state: 'stopped', repliedLate: false, missingYear: null });
    expect(page.clock.due! > `${LAST}-12-31`).toBe(true);
    expect(page.clock.lines.at(-1)).toBe(`于 ${LAST}-12-24 答复，在答复期限内`);
  });

  it('an open case with its deadline in the missing year still warns', async () => {
    ctx.setToday(`${LAST}-12-21`);
    const other = await submitOnline(ctx, intake(w.health.id));
    const page = await getApplication(ctx, w.officer, w.health.id, other.id);
    // received in LAST, due in NEXT (now entered): it runs
    expect(page.clock.state).toBe('running');
    // received near NEXT's end: due in the year after, not entered
    ctx.setToday(`${NEXT}-12-21`);
    const late = await submitOnline(ctx, intake(w.health.id));
    expect((await getApplication(ctx, w.officer, w.health.id, late.id)).clock).toMatchObject({ state: 'unknown', missingYear: NEXT + 1 });
  });
});
