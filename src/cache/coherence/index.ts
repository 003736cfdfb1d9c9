/** The protocol registry: every coherence protocol by the name users type. */
import { MESI } from './mesi.js';
import { MESIF } from './mesif.js';
import { MOESI } from './moesi.js';
import { PROTOCOL_NAMES, type Protocol, type ProtocolName } from './types.js';

export { PROTOCOL_NAMES, type ProtocolName } from './types.js';

export const protocols: Record<ProtocolName, Protocol> = { mesi: MESI, moesi: MOESI, mesif: MESIF };

export function isProtocolName(s: string): s is ProtocolName {
  return (PROTOCOL_NAMES as readonly string[]).includes(s);
}
