import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { loadDemoRequestSchema, type DemoStatus } from '@fulcrum/shared';
import type { z } from 'zod';
import { Roles } from 'common/auth.decorators';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ApiZodBody } from 'common/zod-openapi';
import { DemoService } from './demo.service';

@ApiTags('demo')
@Controller('v1/demo')
@Roles('admin', 'organizer')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Get()
  status(): Promise<DemoStatus> {
    return this.demo.status();
  }

  @Post()
  @ApiZodBody(loadDemoRequestSchema)
  start(@Body(new ZodValidationPipe(loadDemoRequestSchema)) body: z.output<typeof loadDemoRequestSchema>): Promise<DemoStatus> {
    return this.demo.start(body);
  }
}
