import { Foundation1763900000000 } from './1763900000000-foundation';
import { Segments1795451198329 } from './1795451198329-segments';
import { Imports1795453332178 } from './1795453332178-imports';
import { Tags1795456672012 } from './1795456672012-tags';
import { ImportWizard1795456673776 } from './1795456673776-import-wizard';
import { Privacy1795456694117 } from './1795456694117-privacy';
import { AccountsBrowse1795456694138 } from './1795456694138-accounts-browse';
import { SegmentSpeed1795460656109 } from './1795460656109-segment-speed';
import { Events1796416557754 } from './1796416557754-events';
import { Registrations1796417001656 } from './1796417001656-registrations';
import { Reminders1796419072319 } from './1796419072319-reminders';
import { EventMaterials1796420090051 } from './1796420090051-event-materials';
import { Campaigns1796425484420 } from './1796425484420-campaigns';
import { AttendanceSessions1796430000000 } from './1796430000000-attendance-sessions';
import { Questions1796440000000 } from './1796440000000-questions';
import { Polls1796450000000 } from './1796450000000-polls';
import { Chat1796470000000 } from './1796470000000-chat';
import { Engagement1796480000000 } from './1796480000000-engagement';
import { ImportProvenance1796490000000 } from './1796490000000-import-provenance';

/** Every migration, in order. `npm run migration:create -- <name>` adds a file and a line here. */
export const MIGRATIONS = [Foundation1763900000000, Segments1795451198329, Imports1795453332178, Tags1795456672012, ImportWizard1795456673776, Privacy1795456694117, AccountsBrowse1795456694138, SegmentSpeed1795460656109, Events1796416557754, Registrations1796417001656, Reminders1796419072319, EventMaterials1796420090051, Campaigns1796425484420, AttendanceSessions1796430000000, Questions1796440000000, Polls1796450000000, Chat1796470000000, Engagement1796480000000, ImportProvenance1796490000000];
