/**
 * Why an edge of the adoption C cannot be reached here, for the lines the coverage report lists:
 * what the simulated machine never does (harness/scenario/crashedKernel.ts writes IDR0 with
 * ASID16 and VMID16 and without CD2L) or what the C asserts and keeps. Matched by function and
 * source text, so a revision that renames keeps its reasons; a line matched here is still
 * listed, with its reason.
 */
interface Reason { fn: RegExp; text: RegExp; why: string }

const NO_CD2L = 'a 2-level CD table needs IDR0.CD2L, which the simulated SMMU never sets (its generators make linear CD tables only)';

const REASONS: readonly Reason[] = [
  { fn: /./, text: /lockdep_assert_held\(/, why: 'the WARN of an assertion that holds: every caller takes the lock first' },
  { fn: /resv_s1_asids/, text: /l1tab|num_l1_ents|l1_desc|l2_base|\(!l2\)/, why: NO_CD2L },
  { fn: /check_ste_cdtab/, text: /S1FMT_64K_L2/, why: `its 2-level edge: ${NO_CD2L}` },
  { fn: /resv_asid/, text: /asid >= 1UL << smmu->asid_bits/, why: 'its >= edge: the simulated IDR0 has ASID16, and a 16-bit ASID never reaches 2^16' },
  { fn: /resv_vmid/, text: /vmid >= 1UL << smmu->vmid_bits/, why: 'its >= edge: the simulated IDR0 has VMID16, and a 16-bit VMID never reaches 2^16' },
];

/** The reason the edges of `fn` at a line with `text` are out of reach here, if one is known. */
export function unreachableWhy(fn: string, text: string): string | undefined {
  return REASONS.find((r) => r.fn.test(fn) && r.text.test(text))?.why;
}
