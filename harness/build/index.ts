/**
 * Building driver C into the wasm64 modules the harness runs.
 */
export { buildWasm, CBuildError } from './compile';
export type { BuildInput } from './compile';
export { buildEntry, buildFromCFile, buildFromPatch, unitsOf } from './revision';
export type { FromCOptions, FromPatchOptions, FromPathBuildOptions } from './revision';
export { buildRevisionFromPath, looksLikePatch, sourceNameOf } from './fromPath';
export type { BuiltRevision, FromPathOptions } from './fromPath';
export { baseRevisions, filesOf, prepareUserRevision, resolveBase } from './userRevision';
export type { FileChange, UserRevision } from './userRevision';
export { RevisionInputError } from './inputError';
export { collectBuildInputs, inputsHash, toolchainIdentity } from './buildInputs';
export type { BuildInputs } from './buildInputs';
export { findToolchain, ToolchainMissingError } from './toolchain';
export type { Toolchain } from './toolchain';
export { AssembleError } from '../revisions/base';
