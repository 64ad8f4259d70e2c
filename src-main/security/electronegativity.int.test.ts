import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** One finding as Electronegativity's programmatic `run` returns it. */
interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  manualReview: boolean;
}
type Run = (options: {
  input: string;
  electronVersionOverride: string;
  isRelative: boolean;
  excludeFromScan: string[];
}) => Promise<{
  issues: Finding[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}>;

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity') as Run;
const electronVersion = (require('electron/package.json') as { version: string }).version;

/**
 * Every finding above LOW that the scan may report, with where and why it is not a problem;
 * docs/security.md explains each check by its name. A finding not matched here fails the test.
 */
const explained: Array<{ check: string; file: RegExp; why: string }> = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: /^sources\/hosts\/electron\/window\.ts$/,
    why: 'the options come from mainWindowOptions, whose contextIsolation: true the checklist test asserts',
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: /^sources\/hosts\/electron\/window\.ts$/,
    why: 'sandbox: true is in mainWindowOptions (checklist test)',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: /^sources\/hosts\/electron\/window\.ts$/,
    why: 'a middle click can only ask for a new window, which setWindowOpenHandler denies',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: /^sources\/hosts\/electron\/(window|main)\.ts$/,
    why: 'only https: URLs reach shell.openExternal (isExternalLink, the help links)',
  },
];

/** The scan's own checks that cannot run here: it downloads Electron's release list. */
const excluded = ['AvailableSecurityFixesGlobalCheck'];

const root = path.resolve('.');
const scanDir = path.join(root, 'dist', 'security-scan');

/** Today's Electron main and preload bundled as scripts/build.mjs bundles them. */
async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['electron', '@duckdb/node-api', '@duckdb/node-bindings*'],
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: {
      js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    },
  });
}

describe('Electronegativity over the Electron host, the renderer and the built main and preload', () => {
  it(
    'finds nothing above LOW that docs/security.md does not explain by its check name',
    { timeout: 240_000 },
    async () => {
      rmSync(scanDir, { recursive: true, force: true });
      mkdirSync(path.join(scanDir, 'built'), { recursive: true });
      cpSync(path.join(root, 'src-main', 'hosts'), path.join(scanDir, 'sources', 'hosts'), {
        recursive: true,
        filter: (f) => !/\.test\.ts$/.test(f),
      });
      cpSync(path.join(root, 'src-renderer'), path.join(scanDir, 'sources', 'renderer'), {
        recursive: true,
        filter: (f) => !/\.test\.tsx?$/.test(f),
      });
      await bundle(
        'src-main/hosts/electron/main.ts',
        path.join(scanDir, 'built', 'electron-main.cjs'),
      );
      await bundle(
        'src-main/hosts/electron/preload.ts',
        path.join(scanDir, 'built', 'preload.cjs'),
      );
      // The built renderer when a build ran before (npm test builds after the unit and integration tests).
      const builtRenderer = path.join(root, 'dist', 'renderer');
      if (existsSync(path.join(builtRenderer, 'index.html')))
        cpSync(builtRenderer, path.join(scanDir, 'built', 'renderer'), { recursive: true });

      const result = await electronegativity({
        input: scanDir,
        electronVersionOverride: electronVersion,
        isRelative: true,
        excludeFromScan: excluded,
      });
      const report = result.issues.map(
        (i) =>
          `${i.id} ${i.severity.name}/${i.confidence.name} ${i.file}:${i.location.line}${i.manualReview ? ' (review)' : ''}`,
      );
      console.log(`Electronegativity (Electron ${electronVersion}):\n  ${report.join('\n  ')}`);
      // Files it could not parse are scanned by nothing: none may be our sources or the main bundle.
      const unparsed = result.errors.filter((e) => !e.tolerable).map((e) => e.file);
      expect(unparsed.filter((f) => !f.includes(`built${path.sep}renderer`))).toEqual([]);
      const unexplained = result.issues.filter(
        (i) =>
          i.severity.value > 1 &&
          !explained.some((e) => e.check === i.id && e.file.test(i.file.split(path.sep).join('/'))),
      );
      expect(unexplained.map((i) => `${i.id} ${i.file}:${i.location.line}`)).toEqual([]);

      const docs = readFileSync(path.join(root, 'docs', 'security.md'), 'utf8');
      for (const e of explained) expect(docs, e.check).toContain(e.check);
      for (const check of excluded) expect(docs, check).toContain(check);
    },
  );
});
