import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cliReference } from './cliReference.js';

const file = path.resolve(import.meta.dirname, '../../docs/cli.md');

it('docs/cli.md is the help of every command as the CLI prints it (npm run docs:cli rewrites it)', () => {
  if (process.env.UPDATE_CLI_DOCS === '1') writeFileSync(file, cliReference());
  expect(readFileSync(file, 'utf8')).toBe(cliReference());
});
