import type { EntityManager } from 'typeorm';
import type { Cta, RegistrantCta, RegistrantMaterial, SurveyQuestion } from '@fulcrum/shared';

/** The public download address of a material: reached with the personal token, it records the download. */
export function registrantDownloadUrl(token: string, materialId: string): string {
  return `/api/v1/public/registrations/${encodeURIComponent(token)}/materials/${materialId}/file`;
}

/**
 * What the registrant's own view offers besides the stream: the event's materials, its buttons (without
 * their addresses, which come back when a click is recorded) and whether it has a survey. Only a seat
 * holder gets them; anyone else gets nothing.
 */
export async function registrantOffer(
  manager: EntityManager,
  eventId: string,
  token: string,
  seated: boolean,
): Promise<{ materials: RegistrantMaterial[]; ctas: RegistrantCta[]; hasSurvey: boolean }> {
  if (!seated) return { materials: [], ctas: [], hasSurvey: false };
  const [event]: Array<{ ctas: Cta[]; survey: SurveyQuestion[] }> = await manager.query(`SELECT ctas, survey FROM events WHERE id = $1`, [eventId]);
  const materials: Array<{ id: string; title: string; file_name: string; size_bytes: string }> = await manager.query(
    `SELECT id, title, file_name, size_bytes FROM event_materials WHERE event_id = $1 ORDER BY created_at, id`,
    [eventId],
  );
  return {
    materials: materials.map((m) => ({ id: m.id, title: m.title, fileName: m.file_name, sizeBytes: Number(m.size_bytes), downloadUrl: registrantDownloadUrl(token, m.id) })),
    ctas: (event?.ctas ?? []).map((cta) => ({ id: cta.id, kind: cta.kind, label: cta.label })),
    hasSurvey: (event?.survey ?? []).length > 0,
  };
}
