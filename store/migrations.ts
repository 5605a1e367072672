// The schema's migrations live in store/migrations/, one file each; this is their index's old address.
export { migrationProvider, type FlavorName } from './migrations/index.js';
