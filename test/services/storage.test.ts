/** A stored file that has gone missing is a clean 404 with a Chinese message, not a 500. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStorage } from '../../src/services/storage';

describe('DiskStorage', () => {
  it('gives back what it stored, and refuses a missing file with 404', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongkai-storage-'));
    const storage = new DiskStorage(root);
    const key = await storage.put(new Uint8Array([1, 2, 3]), 'bin');
    expect([...(await storage.get(key))]).toEqual([1, 2, 3]);
    rmSync(path.join(root, key));
    await expect(storage.get(key)).rejects.toMatchObject({ status: 404, message: '该文件已不在存储中，请联系管理员' });
  });
});
