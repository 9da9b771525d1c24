/**
 * `gongkai demo city --out DIR`: write the demo city's annual reports (src/demo) as files, with manifest.json.
 * The writer (and its renderers) is imported when the command runs (src/cli/main.ts).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { MAX_DEPARTMENTS } from '../demo/agencies';
import type { DemoFormat } from '../demo/write';

/** src/demo/write.ts's DEMO_FORMATS, without loading the writer; the type check below keeps the two the same. */
const DEMO_FORMATS = ['txt', 'docx', 'pdf', 'html'] as const satisfies readonly DemoFormat[];
type Missing = Exclude<DemoFormat, (typeof DEMO_FORMATS)[number]>;
const everyFormat: [Missing] extends [never] ? true : Missing = true;
void everyFormat;

function usage(cmd: Command, message: string): never {
  cmd.error(`错误 Error: ${message}`, { exitCode: 2, code: 'gongkai.badInput' });
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('演示数据 (demo data)');
  demo
    .command('city')
    .description('生成示范市政府及其部门的年度报告文件（含故意植入的错误及 manifest.json） (write a demo city\'s annual reports, some with planted mistakes)')
    .requiredOption('--out <dir>', '输出文件夹 (output folder)')
    .option('--agencies <n>', `政府下属部门数量，0–${MAX_DEPARTMENTS}，另含市政府本级 (departments under the government)`, '40')
    .option('--years <list>', '连续年度，逗号分隔；默认为示范数据的各年度 (consecutive years, comma-separated; default: the demo city’s years)')
    .option('--formats <list>', `文件格式，逗号分隔：${DEMO_FORMATS.join(',')} (file formats)`, DEMO_FORMATS.join(','))
    .option('--seed <n>', '随机种子，相同种子生成相同数据 (random seed)', '1')
    .action(async (opts: { out: string; agencies: string; years?: string; formats: string; seed: string }, cmd: Command) => {
      const agencies = Number(opts.agencies);
      if (!Number.isInteger(agencies) || agencies < 0 || agencies > MAX_DEPARTMENTS) usage(cmd, `--agencies 应为 0 至 ${MAX_DEPARTMENTS} 之间的整数，实为 ${opts.agencies}`);
      const { DEFAULT_YEARS } = await import('../demo/city');
      const years = opts.years === undefined ? DEFAULT_YEARS : opts.years.split(',').map((y) => Number(y.trim()));
      if (years.some((y) => !Number.isInteger(y) || y < 2019 || y > 2100) || years.some((y, i) => i > 0 && y !== years[i - 1] + 1)) {
        usage(cmd, `--years 应为 2019 年以后的连续年度（如 2020,2021,2022），实为 ${opts.years}`);
      }
      const formats = opts.formats.split(',').map((f) => f.trim().toLowerCase());
      const unknown = formats.filter((f) => !(DEMO_FORMATS as readonly string[]).includes(f));
      if (unknown.length > 0 || formats.length === 0) usage(cmd, `--formats 只能包含 ${DEMO_FORMATS.join('、')}，实为 ${opts.formats}`);
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) usage(cmd, `--seed 应为整数，实为 ${opts.seed}`);

      const [{ writeCity }, { default: cliProgress }] = await Promise.all([import('../demo/write'), import('cli-progress')]);
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: '生成报告 Writing {bar} {value}/{total}', hideCursor: true, stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic)
        : null;
      let started = false;
      const manifest = await writeCity(opts.out, {
        agencies,
        years,
        formats: formats as DemoFormat[],
        seed,
        onReport: (done, total) => {
          if (!started) bar?.start(total, 0);
          started = true;
          bar?.update(done);
        },
      });
      bar?.stop();
      const files = manifest.reports.length * manifest.formats.length;
      const planted = manifest.reports.filter((r) => r.plant).length;
      console.log(
        `已生成 ${manifest.agencies.length} 个机关 × ${manifest.years.length} 个年度共 ${manifest.reports.length} 份报告、${files} 个文件，其中 ${planted} 份植入了错误；清单见 ${path.join(opts.out, 'manifest.json')}`,
      );
      console.log(`Wrote ${manifest.reports.length} reports (${files} files), ${planted} with a planted mistake; manifest: ${path.join(opts.out, 'manifest.json')}`);
    });
}
