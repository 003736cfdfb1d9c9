/** Runs code with stderr posing as a terminal (`isTTY`), as progress output needs. */
export async function asTerminal<T>(f: () => Promise<T> | T): Promise<T> {
  const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
  try {
    return await f();
  } finally {
    if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}
