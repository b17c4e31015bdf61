/**
 * Expected findings of latest (the later arm-smmu-v3-kdump.c @7d70f78c + arm-smmu-v3-kexec.c
 * @02eccfaa, called as the posted v7 1/7 calls its adoption, harness/revisions/latest): see
 * harness/findings/catalog.ts for each case's kernel explanation and review thread.
 *
 * With v7's caller (`if (span && base)`), latest shares v6/v7's NULL-L2Ptr finding: a descriptor
 * rewritten to SPAN 10 with a NULL L2Ptr gets a fresh L2; latest-span-caller, the inferred caller,
 * passes that scenario (asserted here, and from both sides in latest-span-caller.test.ts).
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
