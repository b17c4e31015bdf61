/** --property NAME...: the named properties, or all; an unknown name is a usage error. */
import { UsageError } from '../errors';
import type { Property } from '../scenario/types';
import { didYouMean } from './suggest';

export function selectProperties(all: readonly Property[], names: readonly string[], command: string): Property[] {
  const byName = new Map(all.map((p) => [p.name, p]));
  if (byName.size !== all.length) {
    const dup = all.find((p, i) => all.findIndex((q) => q.name === p.name) !== i);
    throw new Error(`two properties are named ${dup?.name}: property names must be unique (properties/<name>.ts)`);
  }
  if (names.length === 0) return [...all];
  const out: Property[] = [];
  for (const n of new Set(names)) {
    const p = byName.get(n);
    if (!p) {
      throw new UsageError(
        `--property ${n}: no such property${didYouMean(n, [...byName.keys()])}. ` +
        `Properties: ${[...byName.keys()].join(', ') || '(none)'}; npm run ${command} -- --list shows them with descriptions`);
    }
    out.push(p);
  }
  return out;
}
