/**
 * Writes a result in cachegrind's output-file format (`events:`, per-cost lines,
 * `summary:`), so valgrind's `cg_annotate` can open it. Without source information each
 * instruction address becomes a function named by its address in file `???`.
 */
import { CG_EVENTS, type CachegrindConfig } from '../cache/cachegrind.js';
import type { ReplayResult } from '../sim/replay.js';

export function renderCachegrindOut(result: ReplayResult, cfg: CachegrindConfig, cmd: string): string {
  const lines: string[] = [];
  for (const [name, g] of [
    ['I1', cfg.I1],
    ['D1', cfg.D1],
    ['LL', cfg.LL],
  ] as const) {
    lines.push(`desc: ${name} cache:         ${g.size} B, ${g.line} B, ${g.assoc}-way associative`);
  }
  lines.push(`cmd: ${cmd}`);
  lines.push(`events: ${CG_EVENTS.join(' ')}`);
  if (result.perInstruction) {
    lines.push('fl=???');
    for (const [addr, counts] of result.perInstruction) {
      if (counts.every((c) => c === 0)) continue;
      lines.push(`fn=${addr < 0 ? '(no instruction)' : `0x${addr.toString(16)}`}`);
      lines.push(`0 ${counts.join(' ')}`);
    }
  }
  const totals = CG_EVENTS.map((e) => result.stats[`cachegrind.${e}`]?.value ?? 0);
  lines.push(`summary: ${totals.join(' ')}`);
  return `${lines.join('\n')}\n`;
}
