/**
 * `gongkai case` run as a real process on cases worked out by hand (2026 calendar; see
 * test/core/applications/procedure.test.ts for the day-by-day counts). Each of issue 7's date defects is here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, gongkai } from '../helpers/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-case-'));
let n = 0;
function file(content: unknown): string {
  const f = path.join(dir, `case-${++n}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}
const online = (steps: unknown[], asOf = '2026-06-30') => ({ channel: 'online', received: '2026-03-02', asOf, steps });

async function json(content: unknown) {
  const r = await gongkai('case', file(content), '--json');
  return { code: r.code, out: r.code === 2 ? null : JSON.parse(r.stdout), stderr: r.stderr };
}

function withStdin(input: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
    child.stdin.end(input);
  });
}

describe.concurrent('gongkai case', () => {
  it("the issue's example: every step accepted, due 2026-05-21, exit 0", async () => {
    const r = await json({
      channel: 'online',
      received: '2026-03-02',
      asOf: '2026-05-20',
      steps: [
        { on: '2026-03-09', step: 'consult', party: 'thirdParty' },
        { on: '2026-04-10', step: 'extend', days: 20 },
      ],
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      channel: 'online',
      received: '2026-03-02',
      asOf: '2026-05-20',
      due: '2026-05-21',
      payBy: null,
      overdue: false,
      paused: [{ kind: 'thirdParty', from: '2026-03-09', to: '2026-03-30' }],
      steps: [
        { on: '2026-03-09', step: 'consult', accepted: true },
        { on: '2026-04-10', step: 'extend', accepted: true },
      ],
    });
    expect(r.out.lines).toContain('答复期限：2026-05-21');
  });

  it('reads standard input with -', async () => {
    const r = await withStdin(JSON.stringify(online([], '2026-03-20')), 'case', '-', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).due).toBe('2026-03-30');
  });

  it('defect 2: an extension approved after the deadline is refused, exit 1, and the case stays overdue', async () => {
    const r = await json(online([{ on: '2026-03-31', step: 'extend', days: 20 }], '2026-04-10'));
    expect(r.code).toBe(1);
    expect(r.out.steps[0].accepted).toBe(false);
    expect(r.out.steps[0].reason).toContain('条例第三十三条第二款');
    expect(r.out).toMatchObject({ due: '2026-03-30', overdue: true });
  });

  it('defect 3: a 补正 notice on the 8th working day is refused', async () => {
    const r = await json(online([{ on: '2026-03-12', step: 'requestCorrection' }], '2026-03-20'));
    expect(r.code).toBe(1);
    expect(r.out.steps[0].reason).toContain('告知补正的最后一日为 2026-03-11');
  });

  it('defect 4: 视为放弃 only after the stated period', async () => {
    const early = await json(online([{ on: '2026-03-04', step: 'requestCorrection', days: 15 }, { on: '2026-03-05', step: 'lapse', reason: 'noCorrection' }]));
    expect(early.code).toBe(1);
    const due = await json(online([{ on: '2026-03-04', step: 'requestCorrection', days: 15 }, { on: '2026-03-26', step: 'lapse', reason: 'noCorrection' }]));
    expect(due.code).toBe(0);
  });

  it('defect 5: payment runs from delivery (post), a late fee notice is refused, one on the last day holds the clock', async () => {
    const post = await json({
      channel: 'post',
      signedFor: '2026-03-02',
      asOf: '2026-04-20',
      steps: [
        { on: '2026-03-10', step: 'feeNotice' },
        { on: '2026-03-20', step: 'feeDelivered', delivered: '2026-03-13' },
      ],
    });
    expect(post.code).toBe(0);
    expect(post.out).toMatchObject({ payBy: '2026-04-13', due: null, overdue: false });

    const late = await json(online([{ on: '2026-03-31', step: 'feeNotice', delivered: '2026-03-31' }]));
    expect(late.code).toBe(1);

    const lastDay = await json(online([{ on: '2026-03-30', step: 'feeNotice', delivered: '2026-03-30' }], '2026-04-20'));
    expect(lastDay.code).toBe(0);
    expect(lastDay.out).toMatchObject({ due: null, overdue: false, payBy: '2026-04-28', paused: [{ kind: 'fee', from: '2026-03-30', to: null }] });
  });

  it('defect 6: a consultation ends when its 15 working days lapse', async () => {
    const r = await json(online([{ on: '2026-03-09', step: 'consult', party: 'agency' }], '2026-04-15'));
    expect(r.out).toMatchObject({ due: '2026-04-21', paused: [{ kind: 'otherAgency', from: '2026-03-09', to: '2026-03-30' }] });
    expect(r.out.lines.some((l: string) => l.includes('视为同意公开'))).toBe(true);
  });

  it('defect 8: refusals without their procedure are refused', async () => {
    const third = await json(online([{ on: '2026-03-20', step: 'reply', outcome: 'withheld.thirdPartyRights' }]));
    expect(third.code).toBe(1);
    const excessive = await json(online([{ on: '2026-03-20', step: 'reply', outcome: 'notProcessed.excessive' }]));
    expect(excessive.code).toBe(1);
    const fine = await json(online([{ on: '2026-03-20', step: 'reply', outcome: 'disclosed' }]));
    expect(fine.code).toBe(0);
    // defect 1: the remedy each letter must state
    expect(fine.out.steps[0].remedy).toBe('可以申请行政复议（六十日内），或者提起行政诉讼（六个月内）');
    const refused = await json(online([{ on: '2026-03-20', step: 'reply', outcome: 'withheld.internalAffairs' }]));
    expect(refused.out.steps[0].remedy).toBe('应当先申请行政复议（六十日内，行政复议法第二十三条第一款第（四）项），对复议决定不服再提起行政诉讼');
    expect(fine.out).toMatchObject({ due: '2026-03-30', overdue: false, repliedOn: '2026-03-20' });
  });

  it('prints for people without --json', async () => {
    const r = await gongkai('case', file(online([{ on: '2026-03-31', step: 'extend', days: 20 }], '2026-04-10')));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 2026-03-31 extend：');
    expect(r.stdout).toContain('已逾期 OVERDUE');
  });

  it('bad input: exit 2 with a Chinese message naming the field', async () => {
    const notJson = await gongkai('case', file('{ not json'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('不是有效的 JSON');
    const badDate = await gongkai('case', file({ channel: 'online', received: '2026-13-01', asOf: '2026-04-01' }));
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('received');
    const badStep = await gongkai('case', file(online([{ on: '2026-03-03', step: 'teleport' }])));
    expect(badStep.code).toBe(2);
    expect(badStep.stderr).toContain('未知的步骤');
    const missing = await gongkai('case', path.join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取');
  });
});
