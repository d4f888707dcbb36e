// Every command and subcommand the CLI knows prints its usage for --help (and -h) and exits 0.
// The commands are read from `meter-sheets --help`, the subcommands from each command's own
// help (its `meter-sheets CMD SUB` lines), so a command added later is checked too.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';

function commands(): string[] {
  const r = cli(['--help']);
  expect(r.code).toBe(0);
  const section = r.stdout.split(/^Commands:$/m)[1] ?? '';
  const names = [...section.matchAll(/^ {2}([a-z][a-z0-9-]*)\s/gm)].map((m) => m[1]);
  return [...new Set(names)];
}

function subcommands(command: string, help: string): string[] {
  const re = new RegExp(`meter-sheets ${command} ([a-z][a-z0-9-]*)`, 'g');
  return [...new Set([...help.matchAll(re)].map((m) => m[1]))];
}

describe('--help', () => {
  const list = commands();

  it('the main help lists the commands, the functions and the HomeWizard ones among them', () => {
    expect(list).toEqual(
      expect.arrayContaining(['usage', 'meters', 'now', 'homewizard', 'bridge']),
    );
  });

  it('every command prints its usage and exits 0', () => {
    for (const command of list)
      for (const flag of command === list[0] ? ['--help', '-h'] : ['--help']) {
        const r = cli([command, flag]);
        expect({ command, flag, code: r.code, stderr: r.stderr }).toEqual({
          command,
          flag,
          code: 0,
          stderr: '',
        });
        expect(r.stdout).toContain(`meter-sheets ${command}`);
      }
  });

  it('every subcommand prints its own usage and exits 0', () => {
    let checked = 0;
    for (const command of list) {
      const subs = subcommands(command, cli([command, '--help']).stdout);
      for (const sub of subs)
        for (const flag of ['--help', '-h']) {
          const r = cli([command, sub, flag]);
          expect({ command, sub, flag, code: r.code, stderr: r.stderr }).toEqual({
            command,
            sub,
            flag,
            code: 0,
            stderr: '',
          });
          expect(r.stdout).toContain(`meter-sheets ${command} ${sub}`);
          checked++;
        }
    }
    // homewizard pair, devices and connect at least.
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it("a subcommand's help is about that subcommand and asks for nothing it needs to run", () => {
    const r = cli(['homewizard', 'pair', '--help']);
    expect(r.stdout).toContain('--host H');
    expect(r.stdout).not.toContain('meter-sheets homewizard connect');
  });
});
