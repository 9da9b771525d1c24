/**
 * The `gongkai` command. Each area registers its subcommands; help is in Chinese and English.
 * Exit codes: 0 success; 1 the input breaks a rule (e.g. `report check`); 2 bad usage or unreadable input.
 */
import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './admin';
import { registerCaseCommand } from './case';
import { registerClockCommands } from './clock';
import { registerDemoCommands } from './demo';
import { registerReportCommands } from './report';

export function buildProgram(): Command {
  const program = new Command('gongkai')
    .description('公开 Gongkai — 政府信息公开工作平台 (government information disclosure platform)')
    .helpOption('-h, --help', '显示帮助 (show help)')
    .helpCommand('help [command]', '显示命令帮助 (help for a command)')
    .showHelpAfterError('（使用 --help 查看用法 / use --help for usage）')
    .configureOutput({ outputError: (str, write) => write(str) })
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
