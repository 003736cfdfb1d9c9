/** JSON rendering of a replay result: stable key order, two-space indent, newline-terminated. */
import type { ReplayResult } from '../sim/replay.js';

export function renderJson(result: ReplayResult, toolVersion: string): string {
  return `${JSON.stringify({ tool: 'txsim', version: toolVersion, ...result }, null, 2)}\n`;
}
