/** The intact crashed kernels live in harness/stories/ (tools use them too); re-exported here. */
export { intactLinear, intactTwoLevel, mainlineNumL1Ents, normalBoot, withCorruption } from '../../harness/stories/intact';
