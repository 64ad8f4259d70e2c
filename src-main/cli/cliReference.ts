import type { Command } from '@commander-js/extra-typings';
import { buildProgram } from './runCli.js';

const quiet = { stdout: () => undefined, stderr: () => undefined, env: {} };

/** Every command of `program` and below it, depth first, with its full name (`acl set`). */
function commandsOf(program: Command, prefix = ''): Array<{ name: string; command: Command }> {
  return program.commands.flatMap((c) => {
    const name = `${prefix}${c.name()}`;
    if (name === 'help') return [];
    const own = c.commands.length > 0 ? [] : [{ name, command: c as Command }];
    return [...own, ...commandsOf(c as Command, `${name} `)];
  });
}

/**
 * The command-line reference (docs/cli.md) as Markdown: the program's help, then each
 * command's, exactly as `lakeshore help <command>` prints them, so the docs come from the
 * same declarations as parsing and help.
 */
export function cliReference(): string {
  const program = buildProgram(quiet, () => Promise.resolve(0));
  const sections = commandsOf(program).map(
    ({ name, command }) =>
      `## lakeshore ${name}\n\n\`\`\`text\n${command.helpInformation()}\`\`\`\n`,
  );
  return [
    '# lakeshore command line\n',
    "Generated from the CLI's own declarations by `npm run docs:cli`; a test fails when it is out of date.\n",
    `\`\`\`text\n${program.helpInformation()}\`\`\`\n`,
    ...sections,
  ].join('\n');
}
