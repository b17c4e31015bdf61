/**
 * fast-check arbitraries for every part of a Scenario (harness/scenario/types.ts), one builder
 * per file, composed by scenario(). See each file for its constraints and defaults.
 */
export { hardware, sidBitsRange, SID_BITS_BOUNDARIES, type HardwareConstraints, type SidBitsConstraint } from './hardware';
export { crashedTable, type CrashedTableConstraints } from './crashedTable';
export { crashed, type CrashedConstraints } from './crashed';
export { strtabBase, strtabBaseOperators, type StrtabBaseConstraints } from './strtabBase';
export { strtabBaseCfg, strtabBaseCfgOperators, log2sizeBoundaries, SPLIT_BOUNDARIES, type StrtabBaseCfgConstraints } from './strtabBaseCfg';
export { l1Desc, l1DescOperators, SPAN_BOUNDARIES, type L1DescConstraints } from './l1Desc';
export { steGarbage, steGarbageOperators, STE_WORD_BOUNDARIES, type SteGarbageConstraints } from './steGarbage';
export { bitflip, bitflipOperators, BITFLIP_REGS, type BitflipConstraints } from './bitflip';
export { strtabRegsOperators, type StrtabRegsConstraints } from './strtabRegs';
export { corruption, CORRUPTION_FAMILY_WEIGHTS, type CorruptionConstraints } from './corruption';
export { dmaWrites, PROBE_DMA_POINTS, type DmaWritesConstraints } from './dmaWrites';
export { s1Contexts, ASID_BOUNDARIES, type S1ContextsConstraints } from './s1Contexts';
export { cdCorruption, type CdCorruptionConstraints } from './cdCorruption';
export { faultSchedule, type FaultScheduleConstraints } from './faultSchedule';
export { inserts, type InsertsConstraints } from './inserts';
export { teardown, REGISTER_POLICIES, type TeardownConstraints } from './teardown';
export { scenario, type ScenarioConstraints } from './scenario';
export { scenarioLabels } from './scenarioLabels';
export { ADOPTION_COMMIT_FAULT_SITES, KNOWN_FAULT_SITES, PROBE_PATH_FAULT_SITES, FAULT_SERVICES, isFaultSite, type FaultService } from './_internals/faultSites';
export {
  MUTATION_KINDS,
  DMA_KINDS,
  STRTAB_BASE_KINDS,
  STRTAB_BASE_CFG_KINDS,
  L1_DESC_KINDS,
  STE_KINDS,
  BITFLIP_KINDS,
  type CorruptionKind,
  type CorruptionContext,
} from './_internals/kinds';
export { DEFAULT_MAX_LINEAR_SID_BITS } from './_internals/kernel';
