/** A preset file starting with a UTF-8 byte order mark loads (the mark is skipped). */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/sim/machine.js';
import { writePreset } from '../support/files.js';
import { tempDir } from '../trace/helpers.js';

describe('a preset with a byte order mark', () => {
  it('loads like the same preset without one', () => {
    const dir = tempDir();
    const plain = loadPreset(writePreset(dir, 'plain', {}));
    const bom = loadPreset(writePreset(dir, 'bom', {}, '\uFEFF'));
    expect({ ...bom, preset: plain.preset }).toEqual(plain);
  });
});
