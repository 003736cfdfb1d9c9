/** Random replacement: a uniformly chosen way, drawn from the run's seeded generator. */
import type { Rng } from '../../util/rng.js';
import type { ReplacementPolicy } from './policy.js';

export class RandomPolicy implements ReplacementPolicy {
  readonly name = 'random' as const;
  readonly emptyFirst = false;
  /** No use counter: nothing to renumber. */
  autoRenumber = true;

  constructor(
    private readonly assoc: number,
    private readonly rng: Rng,
  ) {}

  touch(_line: number): void {}

  touchSaving(_line: number): number {
    return 0;
  }

  restore(_line: number, _token: number): void {}

  insert(_line: number): void {}

  invalidate(_line: number): void {}

  victim(set: number): number {
    return set * this.assoc + this.rng.below(this.assoc);
  }

  renumberIfDue(): void {}

  limitStamps(_limit: number): void {}
}
