import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, downloadArgs, engineFor, freshContainer, tempDir } from './transferFixture.js';

const longName = `${'n'.repeat(996)}.csv`;
const hostile = [
  '..\\x.txt',
  'C:\\x',
  'dir/con.txt',
  'AUX',
  'trailing.',
  'tab\tname.txt',
  'new\nline.txt',
  'invoice\u202Efdp.exe',
  'Case.txt',
  'case.txt',
  longName,
  'plain/ok.txt',
];

describe('hostile blob names', () => {
  it('download nothing outside the target folder and report every rewrite and collision', async () => {
    const container = await freshContainer('hostile');
    const stored: string[] = [];
    for (const name of hostile) await container.getBlockBlobClient(name).uploadData(bytes(10));
    for await (const b of container.listBlobsFlat()) stored.push(b.name);
    const dir = await tempDir('hostile');
    const engine = await engineFor(container);
    await engine.enqueueDownload(downloadArgs(container, [{ path: '', kind: 'directory' }], dir));
    await engine.whenIdle();
    const job = engine.list()[0];
    expect(await readdir(dir)).toEqual([container.containerName]);
    const root = path.join(dir, container.containerName);
    const local = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    for (const p of local) {
      expect(path.resolve(root, p).startsWith(root + path.sep)).toBe(true);
      expect(p).not.toMatch(/[\\:\t\n\u202E]/);
    }
    const reasons = new Map(job?.rewrites.map((r) => [r.from, r.reason]));
    expect(reasons.get('dir/con.txt')).toBe('reserved device name');
    expect(reasons.get('AUX')).toBe('reserved device name');
    expect(reasons.get('trailing.')).toBe('trailing dot or space');
    expect(reasons.get('tab\tname.txt')).toBe('control character');
    expect(reasons.get('invoice\u202Efdp.exe')).toBe('control character');
    expect(reasons.get(longName)).toBe('name too long');
    // Azurite stores backslashes as "/": "C:\x" is "C:/x" and "..\x.txt" is "../x.txt".
    expect(reasons.get('C:/x')).toBe('reserved character');
    expect([...reasons.values()].filter((r) => r.startsWith('collides'))).toHaveLength(1);
    expect(local).toEqual(
      expect.arrayContaining([
        'dir/_con.txt',
        '_AUX',
        'trailing',
        'plain/ok.txt',
        'Case.txt',
        'case (1).txt',
      ]),
    );
    // GET cannot reach "../x.txt" (the URL is normalised): that file fails, the rest land.
    const unreachable = stored.filter((n) => n.startsWith('../'));
    expect(job?.filesFailed).toBe(unreachable.length);
    expect(job?.filesDone).toBe(stored.length - unreachable.length);
    expect(job?.state.kind).toBe(unreachable.length > 0 ? 'failed' : 'completed');
    await engine.close();
  });
});
