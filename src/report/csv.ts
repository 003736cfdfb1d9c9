/** Tidy CSV of a replay result: one row per statistic (`name,value,unit,description`). */
import type { ReplayResult } from '../sim/replay.js';

export function renderCsv(result: ReplayResult): string {
  const rows = ['name,value,unit,description'];
  for (const [name, s] of Object.entries(result.stats)) {
    rows.push([name, String(s.value), s.unit, quote(s.description)].join(','));
  }
  return `${rows.join('\n')}\n`;
}

function quote(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
