import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  type Poll,
  pollCreateRequestSchema,
  type PollDeleteReply,
  POLL_LIMITS,
  pollRefRequestSchema,
  type PollReply,
  pollResultsRequestSchema,
  pollUpdateRequestSchema,
  type PollVoteReply,
  pollVoteRequestSchema,
} from '@fulcrum/shared';
import { LiveException } from './live-room.service';
import { Coalescer } from './live-presence';
import { attendeeOf, eventRoom, LIVE_GATEWAY_OPTIONS, liveRequest, type LiveNamespace, type LiveSocket, moderatorOf, registrationRoom, staffRoom, takeRate } from './live-sockets';
import { attendeePoll, type PollChange, PollsService } from './polls.service';

const POLL_SHAPE = `{ question: 1–${POLL_LIMITS.questionMax} characters, kind: single | multiple, options: ${POLL_LIMITS.optionsMin}–${POLL_LIMITS.optionsMax} distinct texts of 1–${POLL_LIMITS.optionMax} characters, showResults?: boolean }`;

/**
 * Live polls on the `/live` namespace: moderators prepare, launch and close polls and show their results;
 * attendees answer once. Each change is committed (PollsService) before it is broadcast; counts reach the
 * room coalesced, so a burst of answers is a few broadcasts. The state on (re)join is sent by LiveGateway.
 */
@WebSocketGateway(LIVE_GATEWAY_OPTIONS)
export class PollsGateway implements OnApplicationShutdown {
  private readonly logger = new Logger('PollsGateway');
  /** Counts reach the room at most every `resultsBroadcastEveryMs` per poll, read fresh from the database. */
  private readonly resultUpdates: Coalescer;

  @WebSocketServer() private readonly server!: LiveNamespace;

  constructor(private readonly polls: PollsService) {
    this.resultUpdates = new Coalescer(POLL_LIMITS.resultsBroadcastEveryMs, async (pollId) => {
      const record = await this.polls.poll(pollId);
      if (!record?.poll.results) return;
      const { poll } = record;
      this.server.to(staffRoom(poll.eventId)).emit('poll:results-updated', poll.results!);
      if (poll.showResults && poll.status !== 'draft') this.server.to(eventRoom(poll.eventId)).except(staffRoom(poll.eventId)).emit('poll:results-updated', poll.results!);
    });
  }

  onApplicationShutdown(): void {
    this.resultUpdates.stop();
  }

  /** A moderator prepares a poll: a draft, seen by organizers only until it is launched. */
  @SubscribeMessage('poll:create')
  pollCreate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<PollReply> {
    return liveRequest(socket, this.logger, 'poll:create', async () => {
      const user = moderatorOf(socket, 'prepare polls');
      const request = pollCreateRequestSchema.safeParse(body);
      if (!request.success) throw new LiveException('validation.failed', `poll:create needs { eventId, ...${POLL_SHAPE} }`);
      return this.changed(await this.polls.create(user.id, request.data));
    });
  }

  /** A moderator edits a draft. */
  @SubscribeMessage('poll:update')
  pollUpdate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<PollReply> {
    return liveRequest(socket, this.logger, 'poll:update', async () => {
      moderatorOf(socket, 'edit polls');
      const request = pollUpdateRequestSchema.safeParse(body);
      if (!request.success) throw new LiveException('validation.failed', `poll:update needs { pollId } and any of ${POLL_SHAPE}`);
      return this.changed(await this.polls.update(request.data));
    });
  }

  /** A moderator opens a poll to the room (or reopens a closed one). */
  @SubscribeMessage('poll:launch')
  pollLaunch(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<PollReply> {
    return liveRequest(socket, this.logger, 'poll:launch', async () => {
      moderatorOf(socket, 'launch polls');
      return this.changed(await this.polls.launch(this.pollId(body, 'poll:launch')));
    });
  }

  /** A moderator closes a poll: answers stop, everyone sees it closed. */
  @SubscribeMessage('poll:close')
  pollClose(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<PollReply> {
    return liveRequest(socket, this.logger, 'poll:close', async () => {
      moderatorOf(socket, 'close polls');
      return this.changed(await this.polls.close(this.pollId(body, 'poll:close')));
    });
  }

  /** A moderator shows the results to attendees, or hides them. */
  @SubscribeMessage('poll:results')
  pollResults(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<PollReply> {
    return liveRequest(socket, this.logger, 'poll:results', async () => {
      moderatorOf(socket, 'show poll results');
      const request = pollResultsRequestSchema.safeParse(body);
      if (!request.success) throw new LiveException('validation.failed', 'poll:results needs { pollId (a uuid), show: boolean }');
      return this.changed(await this.polls.showResults(request.data.pollId, request.data.show));
    });
  }

  /** A moderator deletes a draft; the other organizers' lists drop it. */
  @SubscribeMessage('poll:delete')
  pollDelete(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<PollDeleteReply> {
    return liveRequest(socket, this.logger, 'poll:delete', async () => {
      moderatorOf(socket, 'delete polls');
      const pollId = this.pollId(body, 'poll:delete');
      const { eventId } = await this.polls.delete(pollId);
      this.server.to(staffRoom(eventId)).emit('poll:deleted', { pollId, eventId });
      return { ok: true, pollId };
    });
  }

  /** An attendee answers an open poll: once, at most `votesPerSecond` requests per socket. */
  @SubscribeMessage('poll:vote')
  pollVote(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<PollVoteReply> {
    return liveRequest(socket, this.logger, 'poll:vote', async () => {
      const attendee = attendeeOf(socket);
      takeRate(socket, 'poll:vote', POLL_LIMITS.votesPerSecond, 1_000, {
        code: 'poll.rate_limited',
        message: `At most ${POLL_LIMITS.votesPerSecond} answers a second: slow down`,
      });
      const request = pollVoteRequestSchema.safeParse(body);
      if (!request.success) throw new LiveException('validation.failed', `poll:vote needs { pollId, optionIds: 1–${POLL_LIMITS.optionsMax} distinct option ids }`);
      const outcome = await this.polls.vote(attendee.value, request.data.pollId, request.data.optionIds);
      if (outcome.changed) {
        this.resultUpdates.request(outcome.poll.id);
        // The person's other tabs show the answer too.
        socket
          .to(registrationRoom(attendee.value.registrationId))
          .emit('poll:answered', { pollId: outcome.poll.id, eventId: outcome.poll.eventId, optionIds: outcome.optionIds });
      }
      return { ok: true, poll: outcome.poll, optionIds: outcome.optionIds, changed: outcome.changed };
    });
  }

  private pollId(body: unknown, what: string): string {
    const request = pollRefRequestSchema.safeParse(body);
    if (!request.success) throw new LiveException('validation.failed', `${what} needs { pollId } (a uuid)`);
    return request.data.pollId;
  }

  /** Committed before this runs: broadcasts a change and answers the moderator with the full view. */
  private changed(change: PollChange): PollReply {
    if (change.changed) this.broadcastPoll(change.record.poll);
    return { ok: true, poll: change.record.poll, changed: change.changed };
  }

  /** The event ended: its open polls close for everyone (once, whichever api process gets there first). */
  async closeOpenPolls(eventId: string): Promise<void> {
    for (const record of await this.polls.closeOpen(eventId)) this.broadcastPoll(record.poll);
  }

  /** Organizers get every poll with results; attendees launched polls only, with results when shown. */
  private broadcastPoll(poll: Poll): void {
    this.server.to(staffRoom(poll.eventId)).emit('poll:updated', poll);
    if (poll.status !== 'draft') this.server.to(eventRoom(poll.eventId)).except(staffRoom(poll.eventId)).emit('poll:updated', attendeePoll(poll));
  }
}
