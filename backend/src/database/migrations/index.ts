import { Foundation1763900000000 } from './1763900000000-foundation';
import { Segments1795451198329 } from './1795451198329-segments';
import { Imports1795453332178 } from './1795453332178-imports';

/** Every migration, in order. `npm run migration:create -- <name>` adds a file and a line here. */
export const MIGRATIONS = [Foundation1763900000000, Segments1795451198329, Imports1795453332178];
