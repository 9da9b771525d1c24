/**
 * The command line as a user meets it (the real binary, bin/gongkai.js): `--version`, and mistakes answered
 * on stderr in Chinese and English with exit code 2 and nothing on stdout — commander's own messages
 * (unknown command or option, missing or extra arguments) translated, `fee` without an option naming the two.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, gongkai as run } from '../helpers/cli';

const USAGE_HINT = '（使用 --help 查看用法 / use --help for usage）\n';

describe.concurrent('gongkai --version', () => {
  it.each([['--version'], ['-V']])('%s prints the version of package.json', async (flag) => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('is listed in the help', async () => {
    const r = await run('--help');
    expect(r.stdout).toContain('-V, --version');
    expect(r.stdout).toContain('显示版本号 (show the version)');
  });
});

describe.concurrent('mistakes go to stderr, in Chinese and English', () => {
  it.each([
    [['nosuch'], '错误 Error: 没有“nosuch”这个命令 (unknown command \'nosuch\')\n'],
    [['dedline', '2026-03-02'], '错误 Error: 没有“dedline”这个命令 (unknown command \'dedline\')\n（是否要输入 deadline？Did you mean deadline?）\n'],
    [['--nosuch'], '错误 Error: 没有“--nosuch”这个选项 (unknown option \'--nosuch\')\n'],
    [['deadline'], '错误 Error: 缺少参数 <receivedOn> (missing required argument \'receivedOn\')\n'],
    [['deadline', '2026-03-02', '2026-03-03'], '错误 Error: 参数过多：deadline 应有 1 个参数，收到 2 个 (too many arguments for \'deadline\': expected 1, got 2)\n'],
    [['deadline', '2026-03-02', '--extend'], '错误 Error: 选项 --extend <days> 缺少取值 (option \'--extend <days>\' argument missing)\n'],
    [['admin', 'reset-password'], '错误 Error: 缺少必填的选项 --username <username> (required option \'--username <username>\' not specified)\n'],
  ])('%j', async (args, message) => {
    const r = await run(...args);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message + USAGE_HINT });
  });

  it('fee with neither option names both, what each counts, and an example', async () => {
    const r = await run('fee');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        '错误 Error: 参数 --count/--pages：请指定计费方式，二选一 (give one of the two options):',
        '  --count <n>  按件计收：同一申请人当月累计申请件数 (by count: applications by one applicant in the month)',
        '  --pages <p>  按量计收：一件申请的页数 (by pages: pages of one application)',
        '例如 e.g. gongkai fee --count 35、gongkai fee --pages 150',
        USAGE_HINT,
      ].join('\n'),
    );
  });

  it('fee with both options says only one may be given', async () => {
    const r = await run('fee', '--count', '3', '--pages', '40');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('不得同时按照两种标准计算');
    expect(r.stderr).toContain('(give --count or --pages, not both)');
  });

  it('a report that cannot be read is said on stderr too, the listing staying on stdout', async () => {
    const r = await run('report', 'parse', path.join(ROOT, 'no-such-report.txt'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('无法读取为年度报告');
    expect(r.stderr).toBe('错误 Error: 1 个文件无法读取为年度报告 (1 file could not be read as a report)\n');
  });
});
