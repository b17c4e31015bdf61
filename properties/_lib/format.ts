/** Kernel-style formatting of sizes, addresses and ledger entries for failure messages. */
import type { LedgerEntry } from '../../harness/scenario/types';

const UNITS: [bigint, string][] = [
  [1n << 50n, 'PiB'],
  [1n << 40n, 'TiB'],
  [1n << 30n, 'GiB'],
  [1n << 20n, 'MiB'],
  [1n << 10n, 'KiB'],
];

/** "16 KiB", "1 MiB", "2 GiB", "1040 KiB", "72 bytes": the largest unit that divides exactly. */
export function formatSize(bytes: bigint): string {
  if (bytes < 0n) return `-${formatSize(-bytes)}`;
  for (const [unit, name] of UNITS) {
    if (bytes >= unit && bytes % unit === 0n) return `${bytes / unit} ${name}`;
  }
  return `${bytes} bytes`;
}

export function hex(v: bigint | number): string {
  return `0x${BigInt(v).toString(16)}`;
}

/** "memremap of 1 MiB (PA 0x100000000) by arm_smmu_kdump_adopt_strtab_2lvl:4575" */
export function describeAcquire(e: LedgerEntry): string {
  if (e.kind === 'devres_action') return `devres action ${e.action ?? '?'} registered by ${e.site}:${e.line}`;
  const pa = e.pa !== undefined ? ` (PA ${hex(e.pa)})` : '';
  return `${e.kind} of ${formatSize(e.size)}${pa} by ${e.site}:${e.line}`;
}

/** describeAcquire plus the entry id and its lifetime. */
export function describeEntry(e: LedgerEntry): string {
  const life =
    e.released_at === undefined
      ? `acquired at step ${e.acquired_at} (${e.phase}), never released`
      : `acquired at step ${e.acquired_at} (${e.phase}), released at step ${e.released_at} by ${e.released_by ?? '?'}`;
  return `#${e.id} ${describeAcquire(e)}, ${life}`;
}

/** A list of entries, one per line, indented; at most `max` shown. */
export function describeEntries(entries: readonly LedgerEntry[], max = 8): string {
  const lines = entries.slice(0, max).map((e) => `  ${describeEntry(e)}`);
  if (entries.length > max) lines.push(`  ... and ${entries.length - max} more`);
  return lines.join('\n');
}

/** A signature component: no whitespace, no line numbers, bounded length. */
export function sigPart(s: string, max = 80): string {
  const t = s.replace(/\s+/g, '');
  return t.length > max ? t.slice(0, max) : t || 'unknown';
}
