/** Path arguments shared by the commands. */

/** yargs hands a lone `-` positional over as ''; it means stdin / stdout. */
export function stdinDash(path: string): string {
  return path === '' ? '-' : path;
}
