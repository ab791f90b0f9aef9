import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createUserRequestSchema, updateUserRequestSchema, type SessionUser, type UpdateUserRequest, type User } from '@fulcrum/shared';
import { CurrentUser, Roles } from 'common/auth.decorators';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ApiZodBody } from 'common/zod-openapi';
import { UsersService } from './users.service';
import type { z } from 'zod';

@ApiTags('users')
@Controller('v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post()
  @ApiZodBody(createUserRequestSchema)
  create(@Body(new ZodValidationPipe(createUserRequestSchema)) body: z.output<typeof createUserRequestSchema>, @CurrentUser() actor: SessionUser): Promise<User> {
    return this.users.create(body, actor);
  }

  @Patch(':id')
  @ApiZodBody(updateUserRequestSchema)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateUserRequestSchema)) body: UpdateUserRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<User> {
    return this.users.update(id, body, actor);
  }
}
