import type { EntityManager } from 'typeorm';

/** The PostgreSQL channel on which an event's id is announced when its status changes. */
export const EVENT_CHANGED_CHANNEL = 'fulcrum_event_changed';

/**
 * Announces a change of the event to every api process (the live rooms listen). A NOTIFY inside a
 * transaction is delivered when it commits: the change is written before anyone hears of it.
 */
export async function notifyEventChanged(manager: EntityManager, eventId: string): Promise<void> {
  await manager.query(`SELECT pg_notify($1, $2)`, [EVENT_CHANGED_CHANNEL, eventId]);
}
