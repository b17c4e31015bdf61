import type { Property, PropertyContext, Verdict, ViolationKind } from '../harness/scenario/types';
import { describeEntry } from './_lib/format';
import { entryById, isMemory } from './_lib/ledger';
import { PASS, fail } from './_lib/verdict';

const NAME = 'no-leaked-mappings';

const KINDS: readonly ViolationKind[] = ['leak', 'double-release', 'bad-release', 'wrong-release-kind', 'use-after-release'];

const WHY: Record<string, string> = {
  leak: 'it was never released, so every kdump boot that takes this path loses it',
  'double-release': 'releasing it twice corrupts the allocator (or unmaps someone else\'s mapping)',
  'bad-release': 'the address released is not the start of a live mapping or allocation',
  'wrong-release-kind': 'it was released by a function of another family (e.g. memunmap of a devm_memremap, kfree of devm memory): the devres entry then releases it again',
  'use-after-release': 'the driver accessed it after it was released',
};

function check(ctx: PropertyContext): Verdict {
  const { outcome } = ctx;
  // After a crash the run stops: what was live then is not a leak of the code under test.
  const relevant = outcome.violations.filter(
    (v) => KINDS.includes(v.kind) && !(outcome.crash && v.kind === 'leak'),
  );
  if (relevant.length) {
    const v = relevant[0];
    const entry = entryById(outcome.ledger, v.entry);
    const site = v.site ?? entry?.site ?? 'unknown';
    const more = relevant.length > 1 ? `\n(${relevant.length - 1} more: ${[...new Set(relevant.slice(1).map((x) => `${x.kind}@${x.site ?? '?'}`))].slice(0, 6).join(', ')})` : '';
    return fail(
      NAME,
      v.kind,
      site,
      `${v.kind} at step ${v.step} (${v.phase}, teardown policy '${ctx.scenario.teardown.policy}'): ${v.message} — ${WHY[v.kind]}.` +
        (entry ? `\nLedger: ${describeEntry(entry)}` : '') + more,
    );
  }
  // Cross-check from the ledger itself, in case a leak went unrecorded: once teardown ran to its
  // end, every mapping and allocation must have been released.
  if (!outcome.crash && outcome.phase_end.teardown !== undefined) {
    const live = outcome.ledger.filter((e) => isMemory(e) && e.released_at === undefined);
    if (live.length) {
      const e = live[0];
      return fail(NAME, 'leak', e.site, `After teardown (policy '${ctx.scenario.teardown.policy}'), ${describeEntry(e)}${live.length > 1 ? ` (and ${live.length - 1} more)` : ''}; the simulator recorded no violation for it.`);
    }
  }
  return PASS;
}

const property: Property = {
  name: NAME,
  description:
    'After teardown — remove, runtime PM power-off with whatever the SMMU registers then read back, and the ' +
    'LIFO devres release — on every path and every register policy, each memremap, devm_memremap, allocation ' +
    'and devres action was released exactly once, by the right release function, nothing was released that ' +
    'was not live, and nothing was used after release. The simulator records leak, double-release, ' +
    'bad-release, wrong-release-kind and use-after-release in Outcome.violations; the first one fails the ' +
    'property (kind@site), and the ledger is cross-checked for mappings never released. Reviewers asked for ' +
    'this explicitly: the adoption cleanup runs as a devres action after pm_runtime_put, so a cleanup that ' +
    'decides what to free from a register reads garbage, and devm_memremap/memremap mixes are easy to release ' +
    'twice or not at all.',
  check,
};

export default property;
