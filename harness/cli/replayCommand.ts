/**
 * `npm run replay`: every selected property on every given corpus entry, on one revision.
 * Each failure is classified against the corpus: known (recorded for this revision) or new
 * (printed in full; exit 1). An entry whose own finding no longer fails where its `expect`
 * says "fail" is reported as such, so the maintainer can record the fix.
 */
import { KnownFindings } from '../corpus/known';
import { loadCorpusPaths, type LoadedEntry } from '../corpus/load';
import { formatFailure } from '../report/failure';
import { findingJson, stringifyDocument } from '../report/json';
import { checkProperty } from './evaluate';
import type { Harness } from './harness';
import type { Io } from './io';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from './main';
import { parseReplayArgs, REPLAY_USAGE } from './replayArgs';
import { selectProperties } from './selectProperties';
import { Yielder } from './yielder';
import type { Property, PropertyContext, Verdict } from '../scenario/types';

export type ReplayStatus = 'held' | 'known' | 'new' | 'regression';

export interface ReplayCheck {
  property: string;
  status: ReplayStatus;
  verdict: Verdict;
}

export interface EntryReplay {
  loaded: LoadedEntry;
  checks: ReplayCheck[];
  context: PropertyContext;
  /** expect[revision] is 'fail' but the entry's own property held. */
  unexpectedPass: boolean;
}

/** Replays one entry on a revision and classifies each property's verdict. */
export function replayEntry(
  l: LoadedEntry, revision: string, properties: readonly Property[],
  run: (s: LoadedEntry['entry']['scenario']) => PropertyContext, known: KnownFindings,
): EntryReplay {
  const context = run(l.entry.scenario);
  const checks = properties.map((p): ReplayCheck => {
    const verdict = checkProperty(p, context);
    if (verdict.ok) return { property: p.name, status: 'held', verdict };
    if (known.get(p.name, verdict.signature)) return { property: p.name, status: 'known', verdict };
    const regression = p.name === l.entry.property && l.entry.expect[revision] === 'pass';
    return { property: p.name, status: regression ? 'regression' : 'new', verdict };
  });
  const own = checks.find((c) => c.property === l.entry.property);
  const unexpectedPass = l.entry.expect[revision] === 'fail' && own?.status === 'held';
  return { loaded: l, checks, context, unexpectedPass };
}

export async function replayCommand(argv: string[], harness: Harness, io: Io, signal?: AbortSignal): Promise<number> {
  const args = parseReplayArgs(argv, io.env);
  if (args.help) { io.out(REPLAY_USAGE); return EXIT_OK; }
  const entries = loadCorpusPaths(args.paths);
  const properties = selectProperties(harness.loadProperties(), args.properties, 'replay');
  const revisionArg = args.revision ?? harness.defaultRevision;
  const revision = harness.loadRevision(revisionArg);
  const known = new KnownFindings(entries, revision.name);
  const yielder = new Yielder();

  const replays: EntryReplay[] = [];
  let interrupted = false;
  if (!args.json) io.out(`replay: ${entries.length} corpus entries on revision ${revision.name}, ${properties.length} properties\n`);
  for (const l of entries) {
    await yielder.maybeYield();
    if (signal?.aborted) { interrupted = true; break; }
    const r = replayEntry(l, revision.name, properties, (s) => harness.runWithBaseline(revision, s), known);
    replays.push(r);
    if (!args.json) io.out(entryText(r, revision.name, revisionArg, entries.length <= SHOW_KNOWN_UP_TO));
  }

  const bad = (c: ReplayCheck) => c.status === 'new' || c.status === 'regression' || (args.strict && c.status === 'known');
  const failed = replays.some((r) => r.checks.some(bad) || (args.strict && r.unexpectedPass));
  const code = failed ? EXIT_FAILURE : interrupted ? EXIT_INTERRUPTED : EXIT_OK;
  if (args.json) {
    io.out(stringifyDocument({
      command: 'replay', revision: revision.name, revision_arg: revisionArg, properties: properties.map((p) => p.name),
      entries: replays.map((r) => ({
        file: r.loaded.file, hash: r.loaded.hash, property: r.loaded.entry.property, signature: r.loaded.entry.signature,
        found_on: r.loaded.entry.revision, expect: r.loaded.entry.expect[revision.name] ?? null, unexpected_pass: r.unexpectedPass,
        checks: r.checks.map((c) => c.verdict.ok ? { property: c.property, status: c.status }
          : findingJson({
            property: c.property, signature: c.verdict.signature, message: c.verdict.message, status: c.status,
            file: r.loaded.file, revisionArg, seed: seedOf(r.loaded), index: indexOf(r.loaded),
            path: r.loaded.entry.found.path, scenario: r.loaded.entry.scenario, outcome: r.context.outcome,
          })),
      })),
      interrupted, exit: code,
    }));
  } else {
    const count = (s: ReplayStatus) => replays.reduce((n, r) => n + r.checks.filter((c) => c.status === s).length, 0);
    io.out(`result: ${code === EXIT_FAILURE ? 'FAILED' : code === EXIT_INTERRUPTED ? 'INTERRUPTED' : 'PASSED'}: ` +
      `${replays.length} entries replayed, ${count('new') + count('regression')} new failure(s), ${count('known')} known, ` +
      `${replays.filter((r) => r.unexpectedPass).length} now passing where "fail" is expected\n`);
  }
  return code;
}

const seedOf = (l: LoadedEntry) => l.entry.found.seed === null ? null : { value: l.entry.found.seed, text: l.entry.found.seed_text };
const indexOf = (l: LoadedEntry) => l.entry.found.path === null ? undefined : Number(l.entry.found.path.split(':')[0]);

/**
 * Replaying a handful of entries is how a reviewer reproduces a failure: then the entry's own
 * failure gets its full report even when it is known. A whole corpus only reports what is new.
 */
const SHOW_KNOWN_UP_TO = 3;

function entryText(r: EntryReplay, revision: string, revisionArg: string, showKnown: boolean): string {
  const e = r.loaded.entry;
  const lines = [`${r.loaded.file}: ${e.property} (found on ${e.revision}; expect on ${revision}: ${e.expect[revision] ?? 'not recorded'})`];
  for (const c of r.checks) {
    if (c.verdict.ok) continue;
    lines.push(`  ${c.status.padEnd(10)} ${c.property}: ${c.verdict.signature}`);
  }
  if (r.checks.every((c) => c.verdict.ok)) lines.push(`  every property held`);
  if (r.unexpectedPass) {
    lines.push(`  ${e.property} now HOLDS on ${revision} although expect says "fail": if it was fixed, ` +
      `set "expect": {"${revision}": "pass"} in ${r.loaded.file}`);
  }
  let text = lines.join('\n') + '\n';
  for (const c of r.checks) {
    const ownKnown = showKnown && c.status === 'known' && c.property === e.property;
    if (c.verdict.ok || (c.status !== 'new' && c.status !== 'regression' && !ownKnown)) continue;
    text += formatFailure({
      property: c.property, revision, revisionArg, signature: c.verdict.signature, message: c.verdict.message,
      status: c.status === 'regression' ? `REGRESSION: expect says "pass" on ${revision}`
        : c.status === 'known' ? `known on ${revision} (recorded in ${r.loaded.file})`
        : `new on ${revision}; if this is expected, record "${revision}": "fail" in the expect of ${r.loaded.file}`,
      scenario: e.scenario, context: r.context, path: e.found.path, file: r.loaded.file,
      seed: seedOf(r.loaded), index: indexOf(r.loaded),
    });
  }
  return text;
}
