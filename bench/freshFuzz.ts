/**
 * Child-process entry of bench/jobsRatio.ts: one fuzz command (jobs, seed, runs from argv) in a
 * fresh process, so that --jobs 1 and --jobs 2 both start cold (no instance, memory or JIT warmed
 * by an earlier bench row); prints its wall clock and CPU time as one JSON line.
 */
import { fuzzTimeInProcess } from './jobsRatio';

void (async () => {
  const [jobs, seed, runs] = process.argv.slice(2).map(Number);
  process.stdout.write(`${JSON.stringify(await fuzzTimeInProcess(jobs, seed, runs))}\n`);
})();
