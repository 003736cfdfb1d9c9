/** Path arguments shared by the commands. */
import { InputError } from '../util/errors.js';

/** A path argument: `-` means stdin / stdout; an empty path is an error, not stdin. */
export function pathArgument(path: string, what: string): string {
  if (path === '') throw new InputError(`${what} path is empty`);
  return path;
}
