/**
 * `npm run mutation-score -- [--runs N] [--limit M] [--seed S] [--workers W] [--timeout SECONDS]
 *                            [--all-functions] [--no-findings] [--revision NAME] [--json FILE]`
 *
 * Mutation testing of the adoption C (SPEC.md, "Where it is going"): every mutant of `latest`'s
 * adoption functions that harness/mutation generates (one small change each: a dropped guard,
 * an inverted or off-by-one check, a missing release, a lost store, a swallowed error, a wrong
 * goto) is built with clang and run on the corpus, the hand-written scenarios
 * (harness/findings/handWritten.ts: the catalog's and the stories'; --no-findings: without
 * them) and N generated
 * scenarios (fixed seed) until a property fails on it with a signature `latest` does not have on
 * that scenario. The share killed is how much the properties really check; the survivors, each
 * printed with its diff, are for a reviewer to call: an equivalent mutant, or a hole in the
 * properties.
 *
 * Like bench/run.ts it measures, it does not judge: exit 0 whatever the score; 2 when clang is
 * missing or the usage is wrong. Built mutants are cached in os.tmpdir(), so a rerun only runs.
 */
import * as os from 'os';
import * as fs from 'fs';
import { findToolchain, ToolchainMissingError } from '../harness/build';
import { handWrittenScenarios } from '../harness/findings/handWritten';
import type { MutantOutcome } from '../harness/mutation/kill';
import { ADOPTION_FUNCTIONS, wholeFiles, type Mutant } from '../harness/mutation/mutants';
import { OPERATORS } from '../harness/mutation/operators';
import { corpusScenarios, generatedScenarios, runSession, type MutantResult } from '../harness/mutation/session';

const USAGE =
  'usage: npm run mutation-score -- [--runs N] [--limit M] [--seed S] [--workers W] [--timeout SECONDS] [--all-functions] [--no-findings] [--revision NAME] [--json FILE]';

interface Args {
  runs: number;
  limit?: number;
  seed: number;
  workers: number;
  timeout: number;
  allFunctions: boolean;
  findings: boolean;
  revision: string;
  json?: string;
}

function usage(msg: string): never {
  console.error(`mutation-score: ${msg}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 300, seed: 1, workers: Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)), timeout: 30, allFunctions: false, findings: true, revision: 'latest' };
  const int = (flag: string, v: string | undefined, min: number): number => {
    if (v === undefined || !/^\d+$/.test(v) || Number(v) < min) usage(`${flag} needs an integer >= ${min}, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    switch (f) {
      case '--runs': a.runs = int(f, argv[++i], 0); break;
      case '--limit': a.limit = int(f, argv[++i], 1); break;
      case '--seed': a.seed = int(f, argv[++i], 0); break;
      case '--workers': a.workers = int(f, argv[++i], 0); break;
      case '--timeout': a.timeout = int(f, argv[++i], 1); break;
      case '--all-functions': a.allFunctions = true; break;
      case '--no-findings': a.findings = false; break;
      case '--revision': a.revision = argv[++i] ?? usage('--revision needs a name'); break;
      case '--json': a.json = argv[++i] ?? usage('--json needs a file'); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: usage(`unknown argument ${JSON.stringify(f)}`);
    }
  }
  return a;
}

function describeOutcome(o: MutantOutcome): string {
  switch (o.status) {
    case 'killed': return `killed by ${o.kill!.signature}  [${o.kill!.scenario}]`;
    case 'survived': return `SURVIVED (${o.scenariosRun} scenarios)`;
    case 'equivalent': return 'SURVIVED (equivalent: builds to the same module)';
    case 'stillborn': return `stillborn: ${(o.detail ?? '').split('\n').find((l) => /error/.test(l) && !/failed:$/.test(l))?.trim() ?? 'does not compile'}`;
    case 'timeout': return `TIMEOUT: ${o.detail}`;
    case 'harness-crash': return `HARNESS CRASH: ${o.harnessCrashes[0]?.scenario}: ${o.harnessCrashes[0]?.message.split('\n')[0]}`;
  }
}

function row(name: string, ratio: number, detail: string): void {
  console.log(`${name.padEnd(15)} ${(Number.isNaN(ratio) ? 'n/a' : ratio.toFixed(2)).padStart(8)}    ${detail}`);
}

function short(s: string, max = 150): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

function main(): Promise<void> | void {
  const args = parseArgs(process.argv.slice(2));
  let toolchain;
  try {
    toolchain = findToolchain();
  } catch (e) {
    if (e instanceof ToolchainMissingError) {
      console.error(`mutation-score: cannot build mutants: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const scenarios = [...corpusScenarios(), ...(args.findings ? handWrittenScenarios() : []), ...generatedScenarios(args.runs, args.seed)];
  const tty = process.stderr.isTTY;
  const width = 46;
  return runSession({
    revision: args.revision,
    scenarios,
    toolchain,
    limit: args.limit,
    scope: args.allFunctions ? wholeFiles(ADOPTION_FUNCTIONS) : ADOPTION_FUNCTIONS,
    workers: args.workers,
    scenarioTimeoutMs: args.timeout * 1000,
    onDone: (m: Mutant, o, _ms, n, total) => {
      if (tty) process.stderr.write(`\r\x1b[K[${n}/${total}] ${m.id}: ${o.status}`);
      else if (n % 20 === 0 || n === total) console.error(`[${n}/${total}] mutants done`);
    },
  }).then((r) => {
    if (tty) process.stderr.write('\r\x1b[K');
    const sc = r.score;
    console.log(`mutation testing of ${r.revision}: ${r.mutants} mutants of the adoption functions, ${r.scenarios} scenarios ` +
      `(corpus, ${args.findings ? 'the catalog and the stories (harness/findings/handWritten.ts), ' : ''}${args.runs} generated with seed ${args.seed}), ${args.workers} workers\n`);
    console.log(`${'mutant'.padEnd(width)} ${'operator'.padEnd(20)} result`);
    for (const { mutant: m, outcome: o } of r.results) console.log(`${m.id.padEnd(width)} ${m.operator.padEnd(20)} ${short(describeOutcome(o), 160)}`);

    const survivors = r.results.filter((x: MutantResult) => x.outcome.status === 'survived' || x.outcome.status === 'equivalent');
    const others = r.results.filter((x: MutantResult) => x.outcome.status === 'timeout' || x.outcome.status === 'harness-crash');
    if (survivors.length + others.length > 0) {
      console.log('\n-- survivors: an equivalent mutant, or a hole in the properties? ------------------');
      for (const { mutant: m, outcome: o } of [...survivors, ...others]) {
        console.log(`${m.id}  (${m.fn}${o.status === 'survived' ? '' : `; ${o.status}`})`);
        console.log(`    ${m.description}`);
        console.log(`  - ${short(m.before, 200)}`);
        console.log(`  + ${m.after ? short(m.after, 200) : '(deleted)'}`);
      }
    }

    console.log('\n-- by operator ---------------------------------------------------------------------');
    for (const op of OPERATORS) {
      const of = r.results.filter((x) => x.mutant.operator === op && x.outcome.status !== 'stillborn');
      if (of.length === 0) continue;
      const k = of.filter((x) => x.outcome.status === 'killed').length;
      console.log(`${op.padEnd(20)} ${String(k).padStart(3)} / ${String(of.length).padEnd(3)} killed`);
    }

    console.log('\n-- score (a ratio, like npm run bench) ----------------------------------------------');
    const live = sc.total - sc.stillborn;
    row('score', sc.score, `killed / (total - stillborn) = ${sc.killed} / ${live}  (${sc.total} mutants, ${sc.stillborn} stillborn, ${sc.survived} survived, ${sc.timeout} timeout, ${sc.harnessCrash} harness-crash)`);
    if (sc.equivalent > 0) row('score w/o TCE', sc.scoreWithoutEquivalent, `the same, leaving out the ${sc.equivalent} survivors that build to the very module of ${r.revision} (equivalent by construction)`);
    const killedRuns = r.results.filter((x) => x.outcome.status === 'killed').map((x) => x.outcome.scenariosRun).sort((a, b) => a - b);
    if (killedRuns.length) row('scenarios/kill', killedRuns[Math.floor(killedRuns.length / 2)] / r.scenarios, `median scenarios run to the kill (${killedRuns[Math.floor(killedRuns.length / 2)]}) over the ${r.scenarios} available`);
    console.log(`harness crashes: ${sc.harnessCrashRuns} mutant runs, ${r.originalCrashes.length} runs of ${r.revision} (should be 0)`);
    for (const c of r.originalCrashes) console.log(`  ${r.revision} on ${c.scenario}: ${c.message.split('\n')[0]}`);
    console.log(`${r.originalFailing} of the ${r.scenarios} scenarios already fail a property on ${r.revision} (recorded findings): a mutant must fail differently there`);
    console.log(`time: ${r.seconds.toFixed(0)} s`);
    if (args.json) {
      fs.writeFileSync(args.json, JSON.stringify({ ...r, results: r.results.map(({ mutant: { text: _t, ...m }, outcome, ms }) => ({ mutant: m, outcome, ms })) }, null, 2) + '\n');
    }
  });
}

const p = main();
if (p) p.catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(3);
});
