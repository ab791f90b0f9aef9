import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { QA_LIMITS, qaAskRequestSchema, type QaModerateRequest, qaModerateRequestSchema, type QaReply, qaUpvoteRequestSchema } from '@fulcrum/shared';
import { Batcher } from 'common/batcher';
import { LiveException } from './live-room.service';
import { Coalescer } from './live-presence';
import { attendeeOf, eventRoom, LIVE_GATEWAY_OPTIONS, liveRequest, type LiveNamespace, type LiveSocket, moderatorOf, staffRoom, takeRate } from './live-sockets';
import { ASK_REFUSAL, fullQuestion, publicQuestion, type QaChange, QaService } from './qa.service';

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

  /**
   * Moderators' actions, batched (`Batcher`): a burst of approvals is written together and broadcast
   * back to back, as one burst to the room, not one wake-up of every attendee per approval. Each
   * action keeps its own outcome.
   */
  private readonly moderations = new Batcher((requests: QaModerateRequest[]) =>
    Promise.all(
      requests.map((request) =>
        this.qa.moderate(request.questionId, request.action, request.answer).then(
          (change) => ({ change }),
          (error: unknown) => ({ error }),
        ),
      ),
    ),
  );

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
      // Refused here, before the database, so a flood from one socket does not queue on the pool.
      takeRate(socket, 'qa:ask', 1, QA_LIMITS.askEveryMs, ASK_REFUSAL);
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
      const outcome = await this.moderations.load(request.data);
      if ('error' in outcome) throw outcome.error;
      const { change } = outcome;
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
