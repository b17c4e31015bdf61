/**
 * Building driver C into the wasm64 modules the harness runs.
 */
export { buildWasm, CBuildError } from './compile';
export type { BuildInput } from './compile';
export { buildEntry, buildFromCFile, buildFromPatch, unitsOf } from './revision';
export type { FromCOptions, FromPatchOptions } from './revision';
export { buildRevisionFromPath, looksLikePatch } from './fromPath';
export type { BuiltRevision } from './fromPath';
export { findToolchain, ToolchainMissingError } from './toolchain';
export type { Toolchain } from './toolchain';
export { AssembleError } from '../revisions/base';
