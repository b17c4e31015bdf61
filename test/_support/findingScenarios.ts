/** The finding scenarios live in harness/stories/ (the findings catalog and tools use them); re-exported here. */
export * from '../../harness/stories/findingScenarios';
