import { Foundation1763900000000 } from './1763900000000-foundation';

/** Every migration, in order. `npm run migration:create -- <name>` adds a file and a line here. */
export const MIGRATIONS = [Foundation1763900000000];
