/**
 * The clock commands run as a real process (bin/gongkai.js), so the exit codes and the exact stdout/stderr
 * are what a user gets.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gongkai as run } from '../helpers/cli';

const USAGE_HINT = '（使用 --help 查看用法 / use --help for usage）\n';

describe.concurrent('gongkai fee', () => {
  it.each([
    // [args, fee]: see test/core/fees.test.ts for the arithmetic
    [['--count', '35'], 3000], // 20 × 100 + 5 × 200
    [['--count', '41'], 4300], // 20 × 100 + 10 × 200 + 1 × 300
    [['--count', '10'], 0],
    [['--pages', '150'], 1700], // 70 × 10 + 50 × 20
    [['--pages', '201'], 2740], // 70 × 10 + 100 × 20 + 1 × 40
  ])('%j --json prints exactly { "fee": %i }', async (args, fee) => {
    const r = await run('fee', ...args, '--json');
    expect(r).toEqual({ code: 0, stdout: `{\n  "fee": ${fee}\n}\n`, stderr: '' });
  });

  it('prints the breakdown for people', async () => {
    const r = await run('fee', '--count', '41');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '信息处理费 Fee: 4300 元',
        '  按件计收（《政府信息公开信息处理费管理办法》第四条）：共 41 件',
        '  第 1–10 件：10 件，不收费',
        '  第 11–30 件：20 件 × 100 元 = 2000 元',
        '  第 31–40 件：10 件 × 200 元 = 2000 元',
        '  第 41 件：1 件 × 300 元 = 300 元',
        '  合计：4300 元',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [[], '错误 Error: 参数 --count/--pages：请指定计费方式，二选一'],
    [['--count', '3', '--pages', '40'], '错误 Error: 参数 --count/--pages：必须且只能指定其中一项'],
    [['--count', '-1'], '错误 Error: 参数 --count：申请件数应为非负整数，收到“-1”'],
    [['--pages', '2.5'], '错误 Error: 参数 --pages：页数应为非负整数，收到“2.5”'],
  ])('%j → exit 2 with a Chinese error', async (args, message) => {
    const r = await run('fee', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr.endsWith(USAGE_HINT)).toBe(true);
  });
});

describe.concurrent('gongkai deadline', () => {
  it('prints the due date and the explanation', async () => {
    const r = await run('deadline', '2026-02-10');
    expect(r.code).toBe(0);
    // 2/11–13 (3), 2/14 调休 (4), 春节 2/15–23, 2/24–27 (8), 2/28 调休 (9), 3/2–6 (14), 3/9–13 (19), 3/16 (20)
    expect(r.stdout).toBe(
      [
        '答复期限 Reply deadline: 2026-03-16（星期一）',
        '  收到申请日 2026-02-10（星期二；第 0 日，不计入）',
        '  2026-02-14（星期六）为春节调休上班日，计入',
        '  跳过春节假期 2026-02-15 至 2026-02-23',
        '  2026-02-28（星期六）为春节调休上班日，计入',
        '  跳过周六、周日共 5 天', // 3/1, 3/7, 3/8, 3/14, 3/15
        '  第 20 个工作日为 2026-03-16（星期一），法定答复期限届满',
        '  答复期限：2026-03-16',
        '',
      ].join('\n'),
    );
  });

  it('--json with pauses, a correction and an extension', async () => {
    const r = await run('deadline', '2026-02-10', '--pause', 'thirdParty=2026-03-02..2026-03-10', '--extend', '20', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // pause removes 3/3–6, 3/9, 3/10 → original 3/24; + 20 → 4/22 (see deadline.test.ts)
    expect(out.status).toBe('due');
    expect(out.due).toBe('2026-04-22');
    expect(out.originalDue).toBe('2026-03-24');
    expect(out.explanation.pausedWorkdays[0].days).toHaveLength(6);
    expect(out.lines.at(-1)).toBe('答复期限：2026-04-22');

    const c = JSON.parse((await run('deadline', '2026-03-02', '--correction', '2026-03-09', '--json')).stdout);
    expect(c.start).toBe('2026-03-09');
    expect(c.due).toBe('2026-04-07'); // restart 3/9: … 4/3 (19), 清明 4/4–6, 4/7 (20)

    const open = await run('deadline', '2025-03-03', '--pause', 'fee=2025-03-10..');
    expect(open.code).toBe(0);
    expect(open.stdout.split('\n')[0]).toBe('答复期限暂无法确定 Deadline not fixed yet: 已用 5 个工作日，尚余 15 个工作日');
  });

  it('computes 2027 with an administrator calendar file, and refuses without it', async () => {
    const missing = await run('deadline', '2026-12-25');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(
      '错误 Error: 参数 <receivedOn>：2027 年的节假日安排尚未录入，无法计算工作日，请管理员录入国务院办公厅公布的放假安排（可用 --calendar 指定录入的节假日安排文件）\n' +
        USAGE_HINT,
    );

    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-clock-'));
    const file = path.join(dir, 'calendar-2027.json');
    // Hypothetical 2027 entries for the test only.
    writeFileSync(
      file,
      JSON.stringify({
        completeYears: [2027],
        overrides: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-09', kind: 'workday', name: '元旦' },
        ],
      }),
    );
    const ok = await run('deadline', '2026-12-25', '--calendar', file, '--json');
    expect(ok.code).toBe(0);
    // 12/28–31 (4), 1/1 holiday, 1/4–8 (9), 1/9 Sat working (10), 1/11–15 (15), 1/18–22 (20)
    expect(JSON.parse(ok.stdout).due).toBe('2027-01-22');

    const badFile = path.join(dir, 'bad.json');
    writeFileSync(badFile, '{ not json');
    const bad = await run('deadline', '2026-12-25', '--calendar', badFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr.startsWith(`错误 Error: 参数 --calendar：节假日安排文件 ${badFile} 不是有效的 JSON`)).toBe(true);
  });

  it.each([
    [['2026-02-30'], '错误 Error: 参数 <receivedOn>：收到申请日期“2026-02-30”无效：应为 YYYY-MM-DD 格式的有效日期，例如 2026-02-10'],
    [
      ['2026-02-10', '--extend', '21'],
      '错误 Error: 参数 --extend：延长答复期限最长不得超过 20 个工作日（《政府信息公开条例》第三十三条第二款），收到：21',
    ],
    [['2026-02-10', '--extend', 'x'], '错误 Error: 参数 --extend：延长的工作日数应为非负整数，收到“x”'],
    [['2026-02-10', '--pause', '2026-03-02'], '错误 Error: 参数 --pause：“2026-03-02”格式错误'],
    [['2026-02-10', '--pause', 'foo=2026-03-02..2026-03-05'], '错误 Error: 参数 --pause：暂停类型“foo”无效'],
    [['2026-02-10', '--pause', '2026-03-05..2026-03-02'], '错误 Error: 参数 --pause：“2026-03-05..2026-03-02”的结束日期 2026-03-02 早于开始日期 2026-03-05'],
    [['2026-02-10', '--pause', 'fee=2026-02-09..2026-02-12'], '错误 Error: 参数 --pause：暂停开始日期 2026-02-09 早于收到申请日期 2026-02-10'],
    [['2026-02-10', '--correction', '2026-02-09'], '错误 Error: 参数 --correction：收到补正申请日期 2026-02-09 早于收到申请日期 2026-02-10'],
    [['2026-02-10', '--correction', '2026-13-01'], '错误 Error: 参数 --correction：收到补正申请日期“2026-13-01”无效'],
  ])('%j → exit 2 naming the argument', async (args, message) => {
    const r = await run('deadline', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
  });
});

describe.concurrent('gongkai workdays', () => {
  it('counts working days d with FROM < d ≤ TO', async () => {
    const json = await run('workdays', '2026-02-10', '2026-03-10', '--json');
    // 2/11,12,13, 2/14 调休, 2/24–27, 2/28 调休 = 9; 3/2–6 = 14; 3/9, 3/10 = 16
    expect(json).toEqual({ code: 0, stdout: '{\n  "from": "2026-02-10",\n  "to": "2026-03-10",\n  "workdays": 16\n}\n', stderr: '' });
    const text = await run('workdays', '2025-09-30', '2025-10-10');
    // 10/1–8 holiday; 10/9, 10/10 = 2
    expect(text.stdout).toBe('2025-09-30 至 2025-10-10：2 个工作日（不含起始日 2025-09-30，含结束日 2025-10-10）\n');
  });

  it.each([
    [['2027-01-01', '2027-01-05'], '错误 Error: 参数 <to>：2027 年的节假日安排尚未录入'],
    [['2026-03-10', '2026-03-09'], '错误 Error: 参数 <to>：结束日期 2026-03-09 早于起始日期 2026-03-10'],
    [['2026-3-1', '2026-03-09'], '错误 Error: 参数 <from>：起始日期“2026-3-1”无效'],
  ])('%j → exit 2', async (args, message) => {
    const r = await run('workdays', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
  });
});
