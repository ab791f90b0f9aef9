import { Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { PublicInvitation, UnsubscribeResult } from '@fulcrum/shared';
import { Public } from 'common/auth.decorators';
import { TrackingService } from './tracking.service';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** What invitation emails link to: no session; the recipient is known by the invitation's token. */
@ApiTags('public')
@Controller('v1/public')
@Public()
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Get('invitations/:token')
  invitation(@Param('token') token: string): Promise<PublicInvitation> {
    return this.tracking.invitation(token);
  }

  /** The open pixel. Always answers with the image, whatever the token: a mail client shows nothing else. */
  @Get('t/o/:token')
  @Header('Content-Type', 'image/gif')
  @Header('Cache-Control', 'no-store, private')
  async open(@Param('token') token: string): Promise<Buffer> {
    await this.tracking.opened(token.replace(/\.gif$/, ''));
    return PIXEL;
  }

  /**
   * A click. Without `u`: the invitation's registration page (its personal link). With `u` and its
   * signature `s`: that address from the message body. A bad signature redirects nowhere.
   */
  @Get('t/c/:token')
  async click(@Param('token') token: string, @Query('u') url: string | undefined, @Query('s') signature: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const target = await this.tracking.clicked(token, url ?? null, signature ?? null);
    await reply.code(HttpStatus.FOUND).header('Cache-Control', 'no-store').redirect(target);
  }

  @Get('unsubscribe/:token')
  unsubscribeState(@Param('token') token: string): Promise<UnsubscribeResult> {
    return this.tracking.unsubscribeState(token);
  }

  /** The footer's button and RFC 8058 one-click (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`). */
  @Post('unsubscribe/:token')
  @HttpCode(HttpStatus.OK)
  unsubscribe(@Param('token') token: string): Promise<UnsubscribeResult> {
    return this.tracking.unsubscribe(token);
  }
}
