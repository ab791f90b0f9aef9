import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError, ErrorCode } from '@fulcrum/shared';

/**
 * The one exception type features throw: an HTTP status, a stable code the UI translates,
 * and an English message. Features subclass or call it with their own codes.
 */
export class AppException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiError['details'],
  ) {
    super({ statusCode: status, code, message, ...(details ? { details } : {}) } satisfies ApiError, status);
  }
}
