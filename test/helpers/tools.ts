/** Whether a command of the machine (LibreOffice, poppler, …) is on the PATH, for the tests that need one. */
import { execFileSync } from 'node:child_process';

export function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
