import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appIndexUrl, resolveAppFile } from './appProtocol.js';

const root = path.resolve('/opt/Lakeshore/resources/app.asar/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app://lakeshore/ paths to files of the renderer folder', () => {
    expect(resolveAppFile(root, appIndexUrl)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://lakeshore/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://lakeshore/assets/index-Ab12.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-Ab12.js'),
    );
    expect(resolveAppFile(root, 'app://lakeshore/assets/a%20b.svg')).toBe(
      path.join(root, 'assets', 'a b.svg'),
    );
    // A name that only starts with two dots stays inside.
    expect(resolveAppFile(root, 'app://lakeshore/..hidden.js')).toBe(
      path.join(root, '..hidden.js'),
    );
  });

  it('keeps dot segments the URL resolves itself inside the folder', () => {
    expect(resolveAppFile(root, 'app://lakeshore/../main/electron-main.cjs')).toBe(
      path.join(root, 'main', 'electron-main.cjs'),
    );
    expect(resolveAppFile(root, 'app://lakeshore/assets/%2e%2e/%2e%2e/index.html')).toBe(
      path.join(root, 'index.html'),
    );
    // An encoded leading slash is not an absolute path.
    expect(resolveAppFile(root, 'app://lakeshore/%2fetc%2fpasswd')).toBe(
      path.join(root, 'etc', 'passwd'),
    );
  });

  it('refuses every path that leaves the folder, however it is spelled', () => {
    for (const url of [
      'app://lakeshore/..%2fmain%2felectron-main.cjs',
      'app://lakeshore/assets/..%2f..%2f..%2fapp.asar',
      'app://lakeshore/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://lakeshore/..%5c..%5cwindows%5cwin.ini',
      'app://lakeshore/assets%5c..%5c..%5csecrets.json',
      'app://lakeshore/index.html%00.js',
      'app://lakeshore/%E0%A4%A',
    ]) {
      const file = resolveAppFile(root, url);
      expect(file === undefined || file.startsWith(root + path.sep), `${url} -> ${file}`).toBe(
        true,
      );
      expect(file, url).toBeUndefined();
    }
  });

  it('refuses other schemes, hosts and malformed URLs', () => {
    for (const url of [
      'file:///opt/Lakeshore/resources/app.asar/dist/renderer/index.html',
      'https://lakeshore/index.html',
      'app://evil.example/index.html',
      'app://lakeshore.evil.example/index.html',
      'app://lakeshore:8080/index.html',
      'app://user@lakeshore/index.html',
      'not a url',
    ]) {
      expect(resolveAppFile(root, url), url).toBeUndefined();
    }
  });
});
