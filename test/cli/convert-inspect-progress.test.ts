// `convert` and `inspect` show progress on a terminal as `replay` does (the line is erased
// when they finish), and take --quiet.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { asTerminal } from '../support/terminal.js';
import { tempDir } from '../trace/helpers.js';

const dir = tempDir();
const trace = join(dir, 'p.trace');
writeFileSync(trace, `# txsim-trace 1\n${'0 r 0x1000 8\n1 w 0x2040 4\n'.repeat(20_000)}`);

describe('convert and inspect progress', () => {
  for (const [name, args] of [
    ['convert', ['convert', trace, join(dir, 'p.txb')]],
    ['inspect', ['inspect', trace]],
  ] as const) {
    it(`${name}: a progress line on a terminal, erased at the end; none with --quiet`, async () => {
      const shown = await asTerminal(() => runCli([...args]));
      expect(shown.code).toBe(0);
      expect(shown.stderr).toMatch(new RegExp(`^\\r${name}: [\\d,]+ events, \\d+% \\(`));
      expect(shown.stderr.endsWith('\r\x1b[K')).toBe(true);
      const quiet = await asTerminal(() => runCli([...args, '--quiet']));
      expect(quiet.code).toBe(0);
      expect(quiet.stderr).toBe('');
      expect(quiet.stdout).toBe(shown.stdout);
    });
  }
});
