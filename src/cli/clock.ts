/**
 * `gongkai deadline|workdays|fee`: the working-day clock of 依申请公开 (条例 Art. 30–34) and the
 * 信息处理费 (国办函〔2020〕109号) from the command line.
 *
 * Exit codes: 0 success · 2 bad input (bad date, year without calendar, extension over 20 working days, …),
 * with a Chinese message on stderr naming the argument.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  CalendarConfigError,
  CalendarMissingError,
  InvalidDateError,
  assertIsoDate,
  createCalendar,
  defaultCalendar,
  parseCalendarConfig,
  weekdayName,
  type Calendar,
} from '../core/clock/calendar';
import {
  DeadlineInputError,
  MAX_EXTENSION_WORKDAYS,
  countWorkdays,
  replyDeadline,
  type Pause,
  type PauseKind,
} from '../core/clock/deadline';
import { FeeInputError, feeByCount, feeByPages } from '../core/fees';

const EXIT_BAD_INPUT = 2;

/** Reports bad input naming the argument, and exits with code 2 (through commander, so exitOverride works). */
function fail(cmd: Command, argument: string, message: string): never {
  return cmd.error(`错误 Error: 参数 ${argument}：${message}`, { exitCode: EXIT_BAD_INPUT, code: 'gongkai.badInput' });
}

const KNOWN_ERRORS = [InvalidDateError, CalendarMissingError, CalendarConfigError, DeadlineInputError, FeeInputError];

/** Runs `fn`; a known input error becomes a `fail` naming `argument`, anything else propagates. */
function guard<T>(cmd: Command, argument: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (KNOWN_ERRORS.some((k) => e instanceof k)) {
      const hint = e instanceof CalendarMissingError ? '（可用 --calendar 指定录入的节假日安排文件）' : '';
      fail(cmd, argument, `${(e as Error).message}${hint}`);
    }
    throw e;
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function loadCalendar(cmd: Command, file: string | undefined): Calendar {
  if (file === undefined) return defaultCalendar();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(cmd, '--calendar', `无法读取节假日安排文件 ${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(cmd, '--calendar', `节假日安排文件 ${file} 不是有效的 JSON`);
  }
  return guard(cmd, '--calendar', () => createCalendar(parseCalendarConfig(json)));
}

function parseNonNegativeInt(cmd: Command, argument: string, value: string, what: string): number {
  if (!/^\d+$/.test(value.trim())) fail(cmd, argument, `${what}应为非负整数，收到“${value}”`);
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n)) fail(cmd, argument, `${what}过大：“${value}”`);
  return n;
}

const PAUSE_KINDS: Record<string, PauseKind> = {
  thirdParty: 'thirdParty',
  第三方: 'thirdParty',
  otherAgency: 'otherAgency',
  其他机关: 'otherAgency',
  fee: 'fee',
  收费: 'fee',
  other: 'other',
  其他: 'other',
};

const PAUSE_SYNTAX = /^(?:([^=]+)=)?([^.]+)\.\.([^.]*)$/;

function parsePause(cmd: Command, value: string): Pause {
  const m = PAUSE_SYNTAX.exec(value.trim());
  if (!m) {
    fail(cmd, '--pause', `“${value}”格式错误：应为 [类型=]开始日期..结束日期，例如 thirdParty=2026-03-02..2026-03-10；尚未结束的写作 2026-03-02..`);
  }
  const kindText = m[1]?.trim();
  const kind = kindText === undefined ? 'other' : PAUSE_KINDS[kindText];
  if (kind === undefined) {
    fail(cmd, '--pause', `暂停类型“${kindText}”无效：应为 thirdParty（第三方）、otherAgency（其他机关）、fee（收费）或 other（其他）`);
  }
  const from = m[2].trim();
  const to = m[3].trim();
  guard(cmd, '--pause', () => {
    assertIsoDate(from, '暂停开始日期');
    if (to !== '') assertIsoDate(to, '暂停结束日期');
  });
  if (to !== '' && to < from) fail(cmd, '--pause', `“${value}”的结束日期 ${to} 早于开始日期 ${from}`);
  return to === '' ? { from, kind } : { from, to, kind };
}

export function registerClockCommands(program: Command): void {
  program
    .command('deadline')
    .description('计算依申请公开的答复期限（《政府信息公开条例》第三十条至第三十四条） (compute the reply deadline of an application)')
    .argument('<receivedOn>', '收到申请日期 YYYY-MM-DD (date the application was received)')
    .option('--extend <days>', `经负责人同意延长的工作日数，最长 ${MAX_EXTENSION_WORKDAYS} (approved extension in working days)`)
    .option(
      '--pause <range>',
      '不计入期限的期间 [类型=]发出日..收到日，类型 thirdParty|otherAgency|fee|other，可重复；未结束的写 发出日.. (paused period, repeatable)',
      collect,
    )
    .option('--correction <date>', '收到补正申请日期，可重复，自最后一次起重新计算 (date a corrected application was received, repeatable)', collect)
    .option('--calendar <file>', '管理员录入的节假日安排 JSON 文件 (holiday overrides file)')
    .option('--json', '输出 JSON (print JSON)')
    .addHelpText(
      'after',
      '\n节假日安排文件 Calendar file: { "completeYears": [2027], "overrides": [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }] }' +
        '\n退出码 Exit codes: 0 成功 success · 2 输入有误 bad input',
    )
    .action(
      (
        receivedOn: string,
        opts: { extend?: string; pause?: string[]; correction?: string[]; calendar?: string; json?: boolean },
        cmd: Command,
      ) => {
        const calendar = loadCalendar(cmd, opts.calendar);
        guard(cmd, '<receivedOn>', () => assertIsoDate(receivedOn, '收到申请日期'));
        const extensionDays = opts.extend === undefined ? 0 : parseNonNegativeInt(cmd, '--extend', opts.extend, '延长的工作日数');
        if (extensionDays > MAX_EXTENSION_WORKDAYS) {
          fail(
            cmd,
            '--extend',
            `延长答复期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（《政府信息公开条例》第三十三条第二款），收到：${extensionDays}`,
          );
        }
        const corrections = (opts.correction ?? []).map((d) => {
          guard(cmd, '--correction', () => assertIsoDate(d, '收到补正申请日期'));
          return { receivedOn: d };
        });
        const pauses = (opts.pause ?? []).map((p) => parsePause(cmd, p));
        // 'YYYY-MM-DD' strings compare like dates.
        for (const c of corrections) {
          if (c.receivedOn < receivedOn) fail(cmd, '--correction', `收到补正申请日期 ${c.receivedOn} 早于收到申请日期 ${receivedOn}`);
        }
        for (const p of pauses) {
          if (p.from < receivedOn) fail(cmd, '--pause', `暂停开始日期 ${p.from} 早于收到申请日期 ${receivedOn}`);
        }
        const result = guard(cmd, '<receivedOn>', () => replyDeadline({ receivedOn, corrections, pauses, extensionDays }, calendar));
        if (opts.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        if (result.status === 'due') console.log(`答复期限 Reply deadline: ${result.due}（${weekdayName(result.due)}）`);
        else console.log(`答复期限暂无法确定 Deadline not fixed yet: 已用 ${result.usedWorkdays} 个工作日，尚余 ${result.remainingWorkdays} 个工作日`);
        for (const line of result.lines) console.log(`  ${line}`);
      },
    );

  program
    .command('workdays')
    .description('计算两个日期之间的工作日数：不含起始日，含结束日 (working days d with FROM < d ≤ TO)')
    .argument('<from>', '起始日期 YYYY-MM-DD，不计入 (start date, not counted)')
    .argument('<to>', '结束日期 YYYY-MM-DD，计入 (end date, counted)')
    .option('--calendar <file>', '管理员录入的节假日安排 JSON 文件 (holiday overrides file)')
    .option('--json', '输出 JSON (print JSON)')
    .action((from: string, to: string, opts: { calendar?: string; json?: boolean }, cmd: Command) => {
      const calendar = loadCalendar(cmd, opts.calendar);
      guard(cmd, '<from>', () => assertIsoDate(from, '起始日期'));
      guard(cmd, '<to>', () => assertIsoDate(to, '结束日期'));
      const n = guard(cmd, '<to>', () => countWorkdays(calendar, from, to));
      if (opts.json) console.log(JSON.stringify({ from, to, workdays: n }, null, 2));
      else console.log(`${from} 至 ${to}：${n} 个工作日（不含起始日 ${from}，含结束日 ${to}）`);
    });

  program
    .command('fee')
    .description('计算信息处理费（国办函〔2020〕109号），按件或按量二选一 (information processing fee, by count or by pages)')
    .option('--count <n>', '同一申请人当月累计申请件数，按件计收 (applications by one applicant in one month)')
    .option('--pages <p>', '一件申请的页数，按量计收 (pages of one application)')
    .option('--json', '输出 JSON：{ "fee": 元 } (print JSON)')
    .addHelpText('after', '\n退出码 Exit codes: 0 成功 success · 2 输入有误 bad input')
    .action((opts: { count?: string; pages?: string; json?: boolean }, cmd: Command) => {
      if (opts.count === undefined && opts.pages === undefined) {
        fail(
          cmd,
          '--count/--pages',
          '请指定计费方式，二选一 (give one of the two options):\n' +
            '  --count <n>  按件计收：同一申请人当月累计申请件数 (by count: applications by one applicant in the month)\n' +
            '  --pages <p>  按量计收：一件申请的页数 (by pages: pages of one application)\n' +
            '例如 e.g. gongkai fee --count 35、gongkai fee --pages 150',
        );
      }
      if (opts.count !== undefined && opts.pages !== undefined) {
        fail(
          cmd,
          '--count/--pages',
          '必须且只能指定其中一项：按件计收（--count）或按量计收（--pages），不得同时按照两种标准计算（《政府信息公开信息处理费管理办法》第三条） (give --count or --pages, not both)',
        );
      }
      const result =
        opts.count !== undefined
          ? feeByCount(parseNonNegativeInt(cmd, '--count', opts.count, '申请件数'))
          : feeByPages(parseNonNegativeInt(cmd, '--pages', opts.pages as string, '页数'));
      if (opts.json) {
        console.log(JSON.stringify({ fee: result.fee }, null, 2));
        return;
      }
      console.log(`信息处理费 Fee: ${result.fee} 元`);
      for (const line of result.lines) console.log(`  ${line}`);
    });
}
