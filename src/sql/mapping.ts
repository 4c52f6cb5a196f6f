// The mapping lives with the row function compiled from it (src/normalize/mapping.ts); the SQL
// compiler reads the same value.
export * from '../normalize/mapping.js';
