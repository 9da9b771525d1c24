/**
 * `gongkai admin create`: the first-run command of a real deployment. It opens the same database `npm start`
 * opens (DATABASE_URL, else PGlite in GONGKAI_DATA_DIR), creates the agency when it does not exist yet, and an
 * administrator account of that agency. Once an agency exists, `npm start` no longer loads the demo.
 *
 * `gongkai admin reset-password`: a new password for an account (given, or generated and shown), for whoever
 * runs the server when nobody can sign in (the demo's passwords are shown only at the first start).
 *
 * The database and the services are imported when a command runs (src/cli/main.ts).
 */
import type { Command } from 'commander';
import type { Database } from '../db/index';

const KINDS = { government: '人民政府', department: '政府部门', office: '政务公开办等办事机构' } as const;

/** Runs `work` on the configured database; a refused input (ServiceError) is exit 2 with its message on stderr. */
async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const [{ loadConfig }, { openConfiguredDatabase }, { ServiceError }] = await Promise.all([import('../config'), import('../db/index'), import('../services/errors')]);
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await work(database);
  } catch (e) {
    if (e instanceof ServiceError) {
      const fields = e.fields ?? [];
      console.error(`错误 Error: ${e.message}${fields.length ? `：${fields.map((f) => `${f.path}：${f.message}`).join('；')}` : ''}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  } finally {
    await database.close();
  }
}

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('系统管理 (administration)');
  admin
    .command('create')
    .description('创建机关的管理员账号（首次部署时使用；机关不存在时一并创建） (create an administrator, and the agency if new)')
    .requiredOption('--agency <name>', '机关全称，如“某某市人民政府办公室” (agency name)')
    .option('--kind <kind>', `新建机关的类型：${Object.entries(KINDS).map(([k, v]) => `${k}（${v}）`).join('、')} (kind of a new agency)`, 'government')
    .option('--parent <name>', '新建机关的上级机关（须已存在） (parent agency of a new agency)')
    .requiredOption('--username <username>', '用户名 (username)')
    .option('--name <displayName>', '姓名 (display name)', '系统管理员')
    .option('--password <password>', '密码（至少 10 位，含字母和数字，不能是常见或简单的密码；不填则随机生成并显示） (password: 10+ characters, letters and digits, not common; generated when absent)')
    .option('--json', '以 JSON 输出 (JSON output)')
    .action(async (opts: { agency: string; kind: string; parent?: string; username: string; name: string; password?: string; json?: boolean }) => {
      if (!(opts.kind in KINDS)) {
        console.error(`错误 Error: --kind 应为 ${Object.keys(KINDS).join('、')} 之一 (--kind must be one of ${Object.keys(KINDS).join(', ')})`);
        process.exitCode = 2;
        return;
      }
      const [{ eq }, { agencies }, { createAgency }, { createUser, generatePassword, passwordProblem }, { badInput }] = await Promise.all([
        import('drizzle-orm'),
        import('../db/schema'),
        import('../services/agencies'),
        import('../services/accounts'),
        import('../services/errors'),
      ]);
      await withDatabase(async (database) => {
        const db = database.db;
        // the password is checked before the agency is created: a refused one leaves nothing behind
        const refused = opts.password === undefined ? null : passwordProblem(opts.password, { userInputs: [opts.username, opts.name] });
        if (refused) throw badInput('账号信息有误', [{ path: 'password', message: refused }]);
        const byName = async (name: string) => (await db.select().from(agencies).where(eq(agencies.name, name)))[0];
        let agency = await byName(opts.agency);
        let created = false;
        if (!agency) {
          let parentId: number | null = null;
          if (opts.parent) {
            const parent = await byName(opts.parent);
            if (!parent) throw badInput(`上级机关“${opts.parent}”不存在（--parent）`);
            parentId = parent.id;
          }
          const a = await createAgency(db, { name: opts.agency, kind: opts.kind, parentId });
          agency = (await byName(a.name))!;
          created = true;
        }
        const password = opts.password ?? generatePassword();
        await createUser(db, { agencyId: agency.id, username: opts.username, displayName: opts.name, password, roles: ['admin'] });
        if (opts.json) {
          console.log(JSON.stringify({ agencyId: agency.id, agency: agency.name, agencyCreated: created, username: opts.username, password: opts.password ? undefined : password }, null, 2));
        } else {
          console.log(`${created ? '已创建机关' : '机关已存在'}：${agency.name}（编号 ${agency.id}）`);
          console.log(`已创建管理员账号：${opts.username}${opts.password ? '' : `，初始密码：${password}（请登录后修改）`}`);
          console.log(`数据库 Database: ${database.kind} (${database.location})`);
        }
      });
    });

  admin
    .command('reset-password')
    .description('重置账号的密码，并解除锁定、结束其已登录的会话（无人能登录时使用） (set a new password for an account, unlock it and end its sessions)')
    .requiredOption('--username <username>', '用户名 (username)')
    .option('--password <password>', '新密码（规则同 admin create；不填则随机生成并显示） (new password; generated and shown when absent)')
    .option('--json', '以 JSON 输出 (JSON output)')
    .addHelpText('after', '\n退出码 Exit codes: 0 成功 success · 2 账号不存在或密码不符合要求 no such account, or the password is refused')
    .action(async (opts: { username: string; password?: string; json?: boolean }) => {
      const { resetPassword } = await import('../services/accounts');
      await withDatabase(async (database) => {
        const r = await resetPassword(database.db, opts.username, opts.password);
        const shown = opts.password === undefined ? r.password : undefined;
        if (opts.json) {
          console.log(JSON.stringify({ username: r.username, displayName: r.displayName, active: r.active, password: shown }, null, 2));
          return;
        }
        console.log(`已重置账号 ${r.username}（${r.displayName}）的密码${shown ? `，新密码：${shown}（请登录后修改）` : ''}`);
        console.log(`Password reset for ${r.username}${shown ? `; new password: ${shown}` : ''}. 该账号的锁定已解除，已登录的会话均已结束 (unlocked, sessions ended).`);
        if (!r.active) console.error(`注意 Note: 账号 ${r.username} 已停用，须由本机关管理员启用后才能登录 (the account is deactivated)`);
        console.log(`数据库 Database: ${database.kind} (${database.location})`);
      });
    });
}
