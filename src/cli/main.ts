/**
 * The `gongkai` command. Each area registers its subcommands; help and errors are in Chinese and English,
 * errors on stderr. Exit codes: 0 success; 1 the input breaks a rule (e.g. `report check`); 2 bad usage or
 * unreadable input.
 *
 * Started often and for small answers (a deadline, a fee), so the modules registering the commands are light:
 * what a command needs beyond the rules of src/core (database, readers, renderers) is imported when it runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './admin';
import { registerCaseCommand } from './case';
import { registerClockCommands } from './clock';
import { registerDemoCommands } from './demo';
import { registerReportCommands } from './report';

/** The version in the nearest package.json above this file (src/cli/ run from source, dist/server/cli/ compiled). */
export function packageVersion(from = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

/** Commander's own messages (English), each as Chinese followed by the English. */
const COMMANDER_MESSAGES: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown command '(.*)'$/, (name) => `没有“${name}”这个命令 (unknown command '${name}')`],
  [/^error: unknown option '(.*)'$/, (flag) => `没有“${flag}”这个选项 (unknown option '${flag}')`],
  [/^error: missing required argument '(.*)'$/, (name) => `缺少参数 <${name}> (missing required argument '${name}')`],
  [/^error: required option '(.*)' not specified$/, (flags) => `缺少必填的选项 ${flags} (required option '${flags}' not specified)`],
  [/^error: option '(.*)' argument missing$/, (flags) => `选项 ${flags} 缺少取值 (option '${flags}' argument missing)`],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (name, expected, got) => `参数过多：${name ? `${name} ` : ''}应有 ${expected} 个参数，收到 ${got} 个 (too many arguments${name ? ` for '${name}'` : ''}: expected ${expected}, got ${got})`,
  ],
  [/^error: option '(.*)' cannot be used with option '(.*)'$/, (a, b) => `选项 ${a} 不能与 ${b} 同时使用 (option '${a}' cannot be used with option '${b}')`],
  [/^error: option '(.*)' argument '(.*)' is invalid\.(.*)$/, (flags, value, rest) => `选项 ${flags} 的取值“${value}”无效 (option '${flags}' argument '${value}' is invalid.${rest})`],
];

/**
 * An error message for stderr: commander's English ones translated (with its "Did you mean …?" suggestion),
 * ours ("错误 Error: …") as they are.
 */
export function bilingualError(message: string): string {
  const [first, ...rest] = message.replace(/\n$/, '').split('\n');
  let text = first;
  for (const [pattern, translate] of COMMANDER_MESSAGES) {
    const m = pattern.exec(first);
    if (m) {
      text = `错误 Error: ${translate(...m.slice(1).map((s) => s ?? ''))}`;
      break;
    }
  }
  if (text === first && first.startsWith('error: ')) text = `错误 Error: ${first.slice('error: '.length)}`;
  const more = rest.map((line) => {
    const suggestion = /^\(Did you mean (.*)\?\)$/.exec(line);
    return suggestion ? `（是否要输入 ${suggestion[1]}？Did you mean ${suggestion[1]}?）` : line;
  });
  return `${[text, ...more].join('\n')}\n`;
}

export function buildProgram(): Command {
  const program = new Command('gongkai')
    .description('公开 Gongkai — 政府信息公开工作平台 (government information disclosure platform)')
    .version(packageVersion(), '-V, --version', '显示版本号 (show the version)')
    .helpOption('-h, --help', '显示帮助 (show help)')
    .helpCommand('help [command]', '显示命令帮助 (help for a command)')
    .showHelpAfterError('（使用 --help 查看用法 / use --help for usage）')
    .configureOutput({ outputError: (str, write) => write(bilingualError(str)) })
    .exitOverride(); // inherited by the subcommands registered below
  registerReportCommands(program);
  registerClockCommands(program);
  registerCaseCommand(program);
  registerAdminCommands(program);
  registerDemoCommands(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    console.error(`错误 Error: ${(e as Error).message}`);
    process.exitCode = 2;
  });
