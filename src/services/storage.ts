/**
 * File storage behind an interface (attachments, reply letters). On disk by default; a deployment can put an
 * object store behind the same interface.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Storage {
  /** store bytes, returning the key to fetch them again */
  put(bytes: Uint8Array, hint?: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}(?:\.[a-z0-9]{1,8})?$/;

export class DiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(bytes: Uint8Array, hint = ''): Promise<string> {
    const now = new Date();
    const ext = /^[a-z0-9]{1,8}$/.test(hint) ? `.${hint}` : '';
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}${ext}`;
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: 'wx' });
    return key;
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
