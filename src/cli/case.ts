/**
 * `gongkai case FILE|-`: a case's history run through the same rules as the system (src/core/applications/
 * replay.ts), for staff and auditors checking a case by hand.
 *
 * Exit codes: 0 every step accepted · 1 a step refused (the law forbids it then) · 2 bad input.
 * The rules (with their zod schema) are imported when the command runs (src/cli/main.ts).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CalendarMissingError, defaultCalendar } from '../core/clock/calendar';

function fail(cmd: Command, message: string): never {
  return cmd.error(`错误 Error: ${message}`, { exitCode: 2, code: 'gongkai.badInput' });
}

function readInput(cmd: Command, file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    return fail(cmd, `无法读取 ${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
  }
}

export function registerCaseCommand(program: Command): void {
  program
    .command('case')
    .description('按《政府信息公开条例》逐步检查一件申请的办理过程 (check a case history step by step against the law)')
    .argument('<file>', '办理过程 JSON 文件，- 表示标准输入 (case history JSON, - for stdin)')
    .option('--json', '输出 JSON (print JSON)')
    .addHelpText(
      'after',
      `
输入示例 Example input:
  { "channel": "online", "received": "2026-03-02", "asOf": "2026-05-20",
    "steps": [ { "on": "2026-03-09", "step": "consult", "party": "thirdParty" },
               { "on": "2026-04-10", "step": "extend", "days": 20 } ] }
步骤 Steps: requestCorrection (days) · corrected · consult (party: thirdParty|agency) · consultReply ·
  extend (days) · feeNotice (delivered) · feeDelivered (delivered) · feePaid · requestReasons · defer (until) ·
  lapse (reason: noCorrection|feeUnpaid) · reply (outcome: 表三的行，如 disclosed、withheld.thirdPartyRights)
方式 Channels: online · inPerson · post (signedFor) · fax · email
退出码 Exit: 0 全部步骤合法 all accepted · 1 有步骤被拒绝 a step refused · 2 输入有误 bad input`,
    )
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      const text = readInput(cmd, file);
      const { caseFileSchema, replayCase } = await import('../core/applications/replay');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        fail(cmd, `${file === '-' ? '标准输入' : file} 不是有效的 JSON（${(e as Error).message}）`);
      }
      const parsed = caseFileSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail(cmd, `${issue.path.length ? `${issue.path.join('.')}：` : ''}${issue.message}`);
      }
      let result;
      try {
        result = replayCase(parsed.data, defaultCalendar());
      } catch (e) {
        if (e instanceof CalendarMissingError) fail(cmd, e.message);
        throw e;
      }
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(`收到申请 Received: ${result.received}   截至 As of: ${result.asOf}`);
        for (const s of result.steps) {
          console.log(`  ${s.accepted ? '✓' : '✗'} ${s.on} ${s.step}${s.reason ? `：${s.reason}` : ''}`);
          if (s.remedy) console.log(`      救济途径 Remedy: ${s.remedy}`);
        }
        console.log(`答复期限 Due: ${result.due ?? '暂停计算中 (paused)'}${result.payBy ? `   缴费期限 Pay by: ${result.payBy}` : ''}${result.overdue ? '   已逾期 OVERDUE' : ''}`);
        for (const line of result.lines) console.log(`  ${line}`);
      }
      process.exitCode = result.steps.every((s) => s.accepted) ? 0 : 1;
    });
}
