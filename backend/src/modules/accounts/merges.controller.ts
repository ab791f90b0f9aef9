import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SessionUser, UndoResult } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { CurrentUser, Roles } from 'common/auth.decorators';
import { MergesService } from './merges.service';

/** History entries (merge_log rows) of companies and contacts: merges and manual edits can be undone. */
@ApiTags('accounts')
@Controller('v1/merges')
@Roles('admin', 'organizer')
export class MergesController {
  constructor(private readonly merges: MergesService) {}

  @Post(':id/undo')
  @HttpCode(HttpStatus.OK)
  undo(@Param('id') id: string, @CurrentUser() actor: SessionUser): Promise<UndoResult> {
    if (!/^[1-9]\d{0,18}$/.test(id)) throw new AppException(HttpStatus.NOT_FOUND, 'merges.not_found', `No history entry ${id}`);
    return this.merges.undo(id, actor);
  }
}
