import { type DynamicModule, Global, Module } from '@nestjs/common';
import { RuntimeContext } from 'runtime-context';

@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: RuntimeContext): DynamicModule {
    return { module: RuntimeModule, providers: [{ provide: RuntimeContext, useValue: runtime }], exports: [RuntimeContext] };
  }
}
