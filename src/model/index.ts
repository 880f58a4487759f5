/** Cascade's domain model: what the data source returns and the pages read. Imports nothing of Cascade. */
export * from './asset';
export * from './backend';
export * from './limits';
export * from './mapping';
export * from './ownKeys';
export * from './rules';
export * from './signals';
export * from './spanStatus';
export * from './diagnosis';
export * from './annotations';
