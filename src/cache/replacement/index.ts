/** The replacement-policy registry: every policy by the name users type. */
import { InputError } from '../../util/errors.js';
import type { Rng } from '../../util/rng.js';
import { isPowerOfTwo } from '../geometry.js';
import { LruPolicy } from './lru.js';
import { TreePlruPolicy } from './plru.js';
import { type ReplacementName, type ReplacementPolicy, type TagWords, REPLACEMENT_NAMES } from './policy.js';
import { RandomPolicy } from './random.js';

export type { ReplacementName, ReplacementPolicy, TagWords } from './policy.js';
export { REPLACEMENT_NAMES, isReplacementName } from './policy.js';

/** `words`: the tag array's two words per line, the odd ones the policy's (policy.ts). */
type Factory = (sets: number, assoc: number, rng: Rng, what: string, words: TagWords) => ReplacementPolicy;

export const replacementPolicies: Record<ReplacementName, Factory> = {
  lru: (_sets, assoc, _rng, _what, words) => new LruPolicy(assoc, words),
  plru: (sets, assoc, _rng, what) => {
    if (!isPowerOfTwo(assoc)) {
      throw new InputError(`${what}: tree-PLRU needs a power-of-two associativity, got ${assoc}-way`);
    }
    return new TreePlruPolicy(sets, assoc);
  },
  random: (_sets, assoc, rng) => new RandomPolicy(assoc, rng),
};

export function createReplacement(
  name: string,
  sets: number,
  assoc: number,
  rng: Rng,
  what: string,
  words: TagWords,
): ReplacementPolicy {
  const factory = (replacementPolicies as Record<string, Factory | undefined>)[name];
  if (factory === undefined) {
    throw new InputError(
      `${what}: unknown replacement policy '${name}' (known: ${REPLACEMENT_NAMES.join(', ')})`,
    );
  }
  return factory(sets, assoc, rng, what, words);
}
