/**
 * Why an edge of the adoption C cannot be reached here, for the lines the coverage report lists:
 * what the simulated machine never does (harness/scenario/crashedKernel.ts writes IDR0 with
 * ASID16 and VMID16 and without CD2L) or what the C asserts and keeps. Matched by function and
 * source text, so a revision that renames keeps its reasons; a line matched here is still
 * listed, with its reason. A reason about one edge of a line (a loop's zero-trip edge, an
 * `if`'s error edge) says `edges: 1`: any other unreached edge of that line still counts as
 * reachable and missed.
 */
interface Reason { fn: RegExp; text: RegExp; why: string; edges?: number }

/** Why some (`edges`, undefined: all) unreached edges of a line are out of reach here. */
export interface Why { why: string; edges?: number }

const NO_CD2L = 'a 2-level CD table needs IDR0.CD2L, which the simulated SMMU never sets (its generators make linear CD tables only)';

/**
 * A loop's zero-trip edge (the loop skipped because its count is 0: clang guards the rotated
 * loop with a `count == 0` test of its own): every such count is a power of two the C computes
 * itself, so it is at least 1, on any machine.
 */
const zeroTrip = (count: string) => `its zero-trip edge (the loop skipped with a count of 0): ${count} is at least 1, on any machine`;

const REASONS: readonly Reason[] = [
  { fn: /./, text: /lockdep_assert_held\(/, why: 'the WARN of an assertion that holds: every caller takes the lock first' },
  // The loops over a stream table the parse helpers just sized (latest's kdump.c:105,
  // kexec.c:394/404; the later trees' kdump.c has the same loops).
  { fn: /adopt_strtab_2lvl$/, text: /for \(i = 0; i < num_l1_ents; i\+\+\)/, why: zeroTrip('num_l1_ents = 1 << (LOG2SIZE - SPLIT), with LOG2SIZE >= SPLIT checked first,'), edges: 1 },
  { fn: /scan_and_resv_ids|kdump_resv_ids/, text: /for \(i = 0; i < cfg->l2\.num_l1_ents; i\+\+\)/, why: zeroTrip('the adopted num_l1_ents = 1 << (LOG2SIZE - SPLIT)'), edges: 1 },
  { fn: /scan_and_resv_ids|kdump_resv_ids/, text: /for \(i = 0; i < cfg->linear\.num_ents; i\+\+\)/, why: zeroTrip('the adopted num_ents = 1 << LOG2SIZE (LOG2SIZE <= 31)'), edges: 1 },
  { fn: /resv_cd_asids/, text: /for \(i = 0; i < num_cds; i\+\+\)/, why: zeroTrip('num_cds = 1 << S1CDMAX (or min() of it and a full leaf)'), edges: 1 },
  // kexec.c:411: the scan's `return ret` for a malformed L1 descriptor.
  {
    fn: /scan_and_resv_ids|kdump_resv_ids/, text: /if \(ret == 1\)/,
    why: 'its error edge (a malformed L1 descriptor): the adoption checked every descriptor with the same function, ' +
      'in the same mapping, just before the scan, and nothing writes them in between here (a DMA write during probe lands ' +
      'after arm_smmu_init_structures() at the earliest); only a device racing probe on a real machine could change one',
    edges: 1,
  },
  // kexec.c:454: the rollback meeting an xarray entry that is not its own scan's.
  {
    fn: /unresv_ids/, text: /if \(entry == xa_mk_value\(/,
    why: "its edge for an entry of another scan or a domain: a run probes once, on an instance reset with the C's data " +
      '(the xarray with it), and no domain holds an ASID during probe, so every entry the rollback meets is its own ' +
      "scan's; a probe retried on a real machine (two scans) would reach it",
    edges: 1,
  },
  { fn: /resv_s1_asids/, text: /l1tab|num_l1_ents|l1_desc|l2_base|\(!l2\)/, why: NO_CD2L },
  { fn: /check_ste_cdtab/, text: /S1FMT_64K_L2/, why: `its 2-level edge: ${NO_CD2L}`, edges: 1 },
  { fn: /resv_asid/, text: /asid >= 1UL << smmu->asid_bits/, why: 'its >= edge: the simulated IDR0 has ASID16, and a 16-bit ASID never reaches 2^16', edges: 1 },
  { fn: /resv_vmid/, text: /vmid >= 1UL << smmu->vmid_bits/, why: 'its >= edge: the simulated IDR0 has VMID16, and a 16-bit VMID never reaches 2^16', edges: 1 },
];

/** The reason (some of) the edges of `fn` at a line with `text` are out of reach here, if one is known. */
export function unreachableWhy(fn: string, text: string): Why | undefined {
  const r = REASONS.find((q) => q.fn.test(fn) && q.text.test(text));
  return r && { why: r.why, edges: r.edges };
}
