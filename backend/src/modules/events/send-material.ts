import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Sends a material as a download, never shown inline as a page (an uploaded .html or .svg must not run
 * on our origin): the console's download and the registrant's tracked one answer alike.
 */
export async function sendMaterial(reply: FastifyReply, file: { contentType: string; sizeBytes: number; fileName: string; stream: Readable }, cacheControl?: string): Promise<void> {
  reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', `attachment; filename="material"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff');
  if (cacheControl) reply.header('cache-control', cacheControl);
  await reply.send(file.stream);
}
