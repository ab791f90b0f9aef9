import { Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LIVE_PRESENCE } from '@fulcrum/shared';
import { PeriodicSweep } from 'queue/periodic-sweep';
import { RuntimeContext } from 'runtime-context';
import { LiveEmitter } from './live-emitter';
import { LiveRoomService } from './live-room.service';
import { staffRoom } from './live-sockets';

/**
 * On processes that run sweeps (ROLE all or worker): closes attendance sessions whose process died
 * without closing them (LiveRoomService.sweepStale) and tells the events' organizers the new numbers,
 * wherever their sockets are (LiveEmitter). One sweeper per worker; the sweep is idempotent, so
 * several workers sweeping at once close each session once.
 */
@Injectable()
export class LiveStaleSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: PeriodicSweep;

  constructor(
    private readonly room: LiveRoomService,
    private readonly emitter: LiveEmitter,
    private readonly runtime: RuntimeContext,
  ) {
    this.sweep = new PeriodicSweep(new Logger('LiveSweeper'), LIVE_PRESENCE.sweepEveryMs, () => this.sweepStale());
  }

  onApplicationBootstrap(): void {
    this.sweep.start(this.runtime);
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }

  async sweepStale(): Promise<string | null> {
    const events = await this.room.sweepStale();
    for (const eventId of events) this.emitter.emit(staffRoom(eventId), 'room:stats-updated', await this.room.stats(eventId));
    return events.length ? `closed stale attendance sessions in ${events.length} event(s)` : null;
  }
}

/**
 * The part of the live room every process loads, the worker included: broadcasting from anywhere
 * (LiveEmitter) and the stale-session sweep. LiveModule (api processes) imports it for the emitter.
 */
@Module({ providers: [LiveEmitter, LiveStaleSweeper, LiveRoomService], exports: [LiveEmitter] })
export class LiveSweepModule {}
