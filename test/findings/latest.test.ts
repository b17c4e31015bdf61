/**
 * Expected findings of latest (the later arm-smmu-v3-kdump.c @7d70f78c + arm-smmu-v3-kexec.c
 * @02eccfaa with our wiring, harness/revisions/latest): see _catalog.ts for each case's kernel
 * explanation and review thread, FINDINGS.md for the table.
 *
 * New in the later code, from the ASID/VMID reservation scan asked for in the v7 0/7 thread:
 * every L2 table is memremapped (transiently) at adoption, a linear CD table of 2^S1CDMAX CDs
 * is memremapped whole (64 MiB for SSIDSIZE 20), and a corrupted L1 descriptor of a bus nobody
 * re-probes now aborts the probe; v6/v7 pass those scenarios. Shared with v6/v7: l1_dma/ste_dma
 * unset, writes into the kdump kernel's RAM, holes and a zero STRTAB_BASE, the FMT WARN_ON,
 * SMMUEN cleared by the failed disable-action registration.
 */
import { describeFindings } from './_run';

describeFindings('latest');
