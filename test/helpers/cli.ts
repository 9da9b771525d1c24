/** Run the real `gongkai` command (bin/gongkai.js) as a user would. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/gongkai.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function gongkai(...args: string[]): Promise<CliRun> {
  return gongkaiWith({}, ...args);
}

/** `gongkai` with these variables added to (or, as '', blanking) the environment. */
export function gongkaiWith(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
