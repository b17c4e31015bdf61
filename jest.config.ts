import { availableParallelism } from 'node:os';
import type { Config } from 'jest';

/**
 * Type checking is `tsc --noEmit` (npm test runs it first), so ts-jest only transpiles: the
 * suite stays fast on two cores.
 */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120_000,
  // Every core (jest's default leaves one to a parent that only waits): the suite is run serially
  // otherwise on the 2-core machines it must finish on.
  maxWorkers: Math.max(2, availableParallelism()),
  reporters: process.env.JEST_JUNIT_OUTPUT_DIR ? ['default', 'jest-junit'] : ['default'],
};

export default config;
