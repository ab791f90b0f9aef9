import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, ErrorCode } from '@fulcrum/shared';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'validation.failed',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'not_found',
  429: 'auth.throttled',
};

/** Every error leaves as an `ApiError` JSON body; unexpected ones are logged, never shown. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toApiError(exception, request);
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toApiError(exception: unknown, request: FastifyRequest): ApiError {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'code' in response) return response as ApiError;
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      return {
        statusCode: status,
        code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'validation.failed'),
        message: Array.isArray(message) ? message.join('; ') : String(message),
      };
    }
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      // Fastify's own errors: malformed JSON, body too large, wrong content type.
      return { statusCode: fastifyError.statusCode, code: 'validation.failed', message: fastifyError.message ?? 'Bad request' };
    }
    this.logger.error(`${request.method} ${request.url} failed: ${(exception as Error)?.stack ?? String(exception)}`);
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal', message: 'Something went wrong on our side. It has been logged; please try again.' };
  }
}
