/** Messages between the threaded reader and its worker (see threaded-reader.ts). */
import type { InputLocation } from '../util/errors.js';
import type { EventChunk, Site } from './events.js';
import type { TraceFormat } from './reader.js';

export type FromWorker =
  | { readonly kind: 'opened'; readonly format: TraceFormat }
  | { readonly kind: 'chunk'; readonly chunk: EventChunk; readonly sites: readonly Site[] }
  | { readonly kind: 'end'; readonly sites: readonly Site[] }
  | { readonly kind: 'input-error'; readonly message: string; readonly location: InputLocation }
  | { readonly kind: 'crash'; readonly message: string };

export type ToWorker = { readonly kind: 'recycle'; readonly chunk: EventChunk };

export interface WorkerParams {
  readonly path: string;
  readonly format: TraceFormat | 'auto';
  readonly chunkEvents: number;
  readonly depth: number;
}
