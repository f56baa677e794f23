/**
 * `bin/phaseout`: the command line. Every command that needs the database works both while the server runs on the
 * same data dir (it connects to that database) and when it does not (it starts the embedded server itself).
 */
import { parseArgs } from 'node:util';
import { FatalError } from '../platform/errors.ts';
import { commands, loadCommand } from './index.ts';

function help(): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    'Phaseout 落后产能退出管理平台 — command line',
    '',
    'usage: phaseout <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'phaseout <command> --help shows the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help());
    return argv.length === 0 ? 2 : 0;
  }
  // longest match first: "user create" before a hypothetical "user"
  const entry = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length).find((c) => c.name.split(' ').every((w, i) => argv[i] === w));
  if (!entry) {
    console.error(`unknown command: ${argv.slice(0, 2).join(' ')}\n\n${help()}`);
    return 2;
  }
  // only the command that runs is loaded (server/cli/index.ts)
  const cmd = await loadCommand(entry);
  const rest = argv.slice(cmd.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${cmd.summary}\n\nusage: ${cmd.usage}`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: cmd.options ?? {}, allowPositionals: cmd.allowPositionals ?? false, strict: true });
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: ${cmd.usage}`);
    return 2;
  }
  const code = await cmd.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals });
  return code ?? 0;
}

try {
  const code = await main(process.argv.slice(2));
  if (process.argv[2] !== 'serve') process.exit(code);
  else if (code) process.exit(code);
} catch (e) {
  if (e instanceof FatalError) {
    console.error(`phaseout: ${e.message}${e.hint ? `\n  → ${e.hint}` : ''}`);
  } else {
    console.error(`phaseout: unexpected error: ${(e as Error).stack ?? String(e)}`);
  }
  process.exit(1);
}
