import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { QA_LIMITS, qaAskRequestSchema, qaModerateRequestSchema, type QaReply, qaUpvoteRequestSchema } from '@fulcrum/shared';
import { LiveException } from './live-room.service';
import { Coalescer } from './live-presence';
import { attendeeOf, eventRoom, LIVE_GATEWAY_OPTIONS, liveRequest, type LiveNamespace, type LiveSocket, moderatorOf, staffRoom, takeRate } from './live-sockets';
import { fullQuestion, publicQuestion, type QaChange, QaService } from './qa.service';

/**
 * Q&A on the `/live` namespace: attendees ask and upvote, moderators approve, hide, pin and answer.
 * Each change is committed (QaService) before it is broadcast. The state on (re)join is sent by
 * LiveGateway, which owns the handshake.
 */
@WebSocketGateway(LIVE_GATEWAY_OPTIONS)
export class QaGateway implements OnApplicationShutdown {
  private readonly logger = new Logger('QaGateway');
  /** Vote counts reach the room at most every `voteBroadcastEveryMs` per question, read fresh from the database. */
  private readonly voteUpdates: Coalescer;

  @WebSocketServer() private readonly server!: LiveNamespace;

  constructor(private readonly qa: QaService) {
    this.voteUpdates = new Coalescer(QA_LIMITS.voteBroadcastEveryMs, async (questionId) => {
      const row = await this.qa.question(questionId);
      if (row) this.broadcastQuestion({ row, changed: true });
    });
  }

  onApplicationShutdown(): void {
    this.voteUpdates.stop();
  }

  /** An attendee asks; the organizers see the question (pending) at once, attendees once it is approved. */
  @SubscribeMessage('qa:ask')
  qaAsk(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<QaReply> {
    return liveRequest(socket, this.logger, 'qa:ask', async () => {
      const attendee = attendeeOf(socket);
      const request = qaAskRequestSchema.safeParse(body);
      if (!request.success) {
        throw new LiveException('validation.failed', `qa:ask needs { text: 1–${QA_LIMITS.textMax} characters of plain text, anonymous?: boolean }`);
      }
      const change = await this.qa.ask(attendee.value, request.data.text, request.data.anonymous ?? false);
      this.server.to(staffRoom(attendee.value.event.id)).emit('qa:asked', fullQuestion(change.row));
      return { ok: true, question: publicQuestion(change.row), changed: true };
    });
  }

  /** An attendee upvotes an approved question: once per registration, at most `votesPerSecond` per socket. */
  @SubscribeMessage('qa:upvote')
  qaUpvote(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<QaReply> {
    return liveRequest(socket, this.logger, 'qa:upvote', async () => {
      const attendee = attendeeOf(socket);
      takeRate(socket, 'qa:upvote', QA_LIMITS.votesPerSecond, 1_000, {
        code: 'qa.rate_limited',
        message: `At most ${QA_LIMITS.votesPerSecond} votes a second: slow down`,
      });
      const request = qaUpvoteRequestSchema.safeParse(body);
      if (!request.success) throw new LiveException('validation.failed', 'qa:upvote needs { questionId } (a uuid)');
      const change = await this.qa.upvote(attendee.value, request.data.questionId);
      if (change.changed) this.voteUpdates.request(change.row.id);
      return { ok: true, question: publicQuestion(change.row), changed: change.changed };
    });
  }

  /** A moderator approves, hides, pins, unpins or answers a question; everyone sees the result. */
  @SubscribeMessage('qa:moderate')
  qaModerate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<QaReply> {
    return liveRequest(socket, this.logger, 'qa:moderate', async () => {
      moderatorOf(socket, 'moderate questions');
      const request = qaModerateRequestSchema.safeParse(body);
      if (!request.success) {
        throw new LiveException('validation.failed', `qa:moderate needs { questionId, action: approve | hide | pin | unpin | answer, answer?: 1–${QA_LIMITS.answerMax} characters }`);
      }
      const change = await this.qa.moderate(request.data.questionId, request.data.action, request.data.answer);
      if (change.changed) this.broadcastQuestion(change);
      return { ok: true, question: fullQuestion(change.row), changed: change.changed };
    });
  }

  /** Committed before this runs: attendees get the public view (not while pending), organizers the full one. */
  private broadcastQuestion({ row }: QaChange): void {
    if (row.status !== 'pending') this.server.to(eventRoom(row.event_id)).except(staffRoom(row.event_id)).emit('qa:updated', publicQuestion(row));
    this.server.to(staffRoom(row.event_id)).emit('qa:updated', fullQuestion(row));
  }
}
