import {
  addSuppressionsResultSchema,
  apiErrorSchema,
  bulkTagResultSchema,
  campaignPreviewRequestSchema,
  campaignPreviewSchema,
  campaignSchema,
  companyDetailResponseSchema,
  companyDuplicateSchema,
  companySchema,
  consentChangeResultSchema,
  contactDetailResponseSchema,
  contactDuplicateSchema,
  contactPageSchema,
  mergeResultSchema,
  undoResultSchema,
  demoStatusSchema,
  eraseResultSchema,
  eventDetailSchema,
  eventListItemSchema,
  eventMaterialSchema,
  engagementSummarySchema,
  healthSchema,
  importErrorSchema,
  importPreviewSchema,
  importSchema,
  invitationListQuerySchema,
  invitationSchema,
  outboxListSchema,
  outboxMessageSchema,
  pageOf,
  personSearchResultSchema,
  recordTagSchema,
  segmentPreviewSchema,
  segmentSchema,
  sessionUserSchema,
  setupStatusSchema,
  suppressionSchema,
  tagCategorySchema,
  testSendRequestSchema,
  tagSchema,
  userSchema,
} from '@fulcrum/shared';
import type {
  AddSuppressionsRequest,
  AddSuppressionsResult,
  ApiError,
  BulkTagRequest,
  BulkTagResult,
  Campaign,
  CampaignPreview,
  ChangeConsentRequest,
  Company,
  CompanyDetailQuery,
  CompanyDetailResponse,
  CompanyDuplicate,
  CompanyMergeRequest,
  ConsentChangeResult,
  ContactDetailResponse,
  ContactDuplicate,
  ContactListQuery,
  ContactMergeRequest,
  ContactPage,
  CreateEventRequest,
  MergeResult,
  UndoResult,
  UpdateCompanyRequest,
  UpdateEventRequest,
  UpdateMaterialRequest,
  UpdateContactRequest,
  CompanyListQuery,
  CreateTagCategoryRequest,
  CreateTagRequest,
  CreateUserRequest,
  DemoStatus,
  EraseRequest,
  EraseResult,
  EventDetail,
  EventListItem,
  EventListQuery,
  EventMaterial,
  EventStatus,
  EngagementSummary,
  Health,
  Import,
  ImportErrorsQuery,
  ImportPreview,
  ImportRowError,
  Invitation,
  LoadDemoRequest,
  OutboxList,
  OutboxMessage,
  Page,
  PageQuery,
  PasswordResetConfirm,
  PasswordResetRequest,
  PersonSearchResult,
  RecordTag,
  SaveCampaignRequest,
  SaveSegmentRequest,
  Segment,
  SegmentPreview,
  SegmentPreviewRequest,
  SessionUser,
  SetupRequest,
  SetupStatus,
  SignInRequest,
  StartImportRequest,
  Suppression,
  SuppressionKind,
  SuppressionListQuery,
  Tag,
  TagCategory,
  TagEntity,
  UpdateMeRequest,
  UpdateTagCategoryRequest,
  UpdateTagRequest,
  UpdateUserRequest,
  User,
} from '@fulcrum/shared';
import { z } from 'zod';

/**
 * Codes the client itself produces when no ApiError came back. They live beside the server's
 * ERROR_CODES in the `errors.*` translations.
 */
export const CLIENT_ERROR_CODES = ['client.network', 'client.unreachable', 'client.bad_response'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** A failed request. `error` is the server's ApiError, or one the client made up (see CLIENT_ERROR_CODES). */
export class ApiRequestError extends Error {
  readonly error: ApiError;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiRequestError';
    this.error = error;
  }

  get code(): string {
    return this.error.code;
  }

  get statusCode(): number {
    return this.error.statusCode;
  }
}

export function isApiRequestError(value: unknown): value is ApiRequestError {
  return value instanceof ApiRequestError;
}

/** Session-level signals any request may raise; the session provider reacts to them. */
export type ApiSignal = 'unauthenticated' | 'setup-required';

export interface ApiClientOptions {
  /** Injected in tests; defaults to the global fetch, called lazily so it can be swapped. */
  fetch?: typeof fetch;
  baseUrl?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
// The shared query types are zod *inputs*; with z.coerce, page and pageSize are typed `unknown` there.
type Query = Record<string, unknown>;

interface CallOptions<T> extends RequestOptions {
  query?: Query;
  body?: unknown;
  schema?: z.ZodType<T>;
  /** For `GET /auth/me`: a 401 there means "nobody is signed in", not "the session expired". */
  quietUnauthenticated?: boolean;
}

const companyPageSchema = pageOf(companySchema);
const contactDuplicatesSchema = z.array(contactDuplicateSchema);
const companyDuplicatesSchema = z.array(companyDuplicateSchema);
const userListSchema = z.array(userSchema);
const segmentListSchema = z.array(segmentSchema);
const importPageSchema = pageOf(importSchema);
const importErrorPageSchema = pageOf(importErrorSchema);
const tagCatalogSchema = z.array(tagCategorySchema);
const recordTagsSchema = z.array(recordTagSchema);
const suppressionPageSchema = pageOf(suppressionSchema);
const eventPageSchema = pageOf(eventListItemSchema);
const materialListSchema = z.array(eventMaterialSchema);
const campaignListSchema = z.array(campaignSchema);
const invitationPageSchema = pageOf(invitationSchema);
const testSendResultSchema = z.object({ to: z.string(), mailId: z.string() });

/** The path segment of each taggable record type. */
const TAGGED_RECORDS: Record<TagEntity, string> = { company: 'companies', contact: 'contacts' };

function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' ? value === '' : typeof value !== 'number' && typeof value !== 'boolean') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Turns a non-2xx response into the ApiError it carries, or a client-made one when it carries none. */
export async function toApiError(response: Response): Promise<ApiError> {
  const parsed = apiErrorSchema.safeParse(await readJson(response));
  if (parsed.success) return parsed.data;
  // No ApiError body: a proxy or gateway answered because the API itself is down or restarting.
  if (response.status === 502 || response.status === 503 || response.status === 504 || response.status === 500) {
    return { statusCode: response.status, code: 'client.unreachable', message: `The server is unreachable (HTTP ${response.status})` };
  }
  return { statusCode: response.status, code: 'client.bad_response', message: `Unexpected response (HTTP ${response.status})` };
}

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const listeners = new Set<(signal: ApiSignal) => void>();

  function emit(signal: ApiSignal): void {
    for (const listener of listeners) listener(signal);
  }

  async function call<T>(method: Method, path: string, opts: CallOptions<T> = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'same-origin', signal: opts.signal };
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }

    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}${buildQuery(opts.query)}`, init);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiRequestError({ statusCode: 0, code: 'client.network', message: 'The network request failed' });
    }

    if (!response.ok) {
      const error = new ApiRequestError(await toApiError(response));
      if (error.code === 'auth.unauthenticated' && !opts.quietUnauthenticated) emit('unauthenticated');
      if (error.code === 'setup.required') emit('setup-required');
      throw error;
    }

    if (!opts.schema) return undefined as T;
    const parsed = opts.schema.safeParse(await readJson(response));
    if (!parsed.success) {
      throw new ApiRequestError({
        statusCode: response.status,
        code: 'client.bad_response',
        message: `Unexpected response from ${method} ${path}`,
      });
    }
    return parsed.data;
  }

  /**
   * Sends a file as the raw request body. XMLHttpRequest, not fetch: only it reports upload
   * progress (`onProgress` gets 0–1).
   */
  function upload<T>(path: string, query: Query, file: File, schema: z.ZodType<T>, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${baseUrl}${path}${buildQuery(query)}`);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onerror = () => reject(new ApiRequestError({ statusCode: 0, code: 'client.network', message: 'The upload failed' }));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      xhr.onload = () => {
        let body: unknown;
        try {
          body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
        } catch {
          body = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          const parsed = schema.safeParse(body);
          if (parsed.success) resolve(parsed.data);
          else reject(new ApiRequestError({ statusCode: xhr.status, code: 'client.bad_response', message: 'Unexpected response to the upload' }));
          return;
        }
        const error = apiErrorSchema.safeParse(body);
        const apiError = error.success ? error.data : { statusCode: xhr.status, code: 'client.bad_response', message: `Upload failed (HTTP ${xhr.status})` };
        if (apiError.code === 'auth.unauthenticated') emit('unauthenticated');
        reject(new ApiRequestError(apiError));
      };
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  }

  return {
    /** Subscribe to session-level signals; returns the unsubscribe function. */
    onSignal(listener: (signal: ApiSignal) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    health: (o?: RequestOptions): Promise<Health> => call('GET', '/api/health', { ...o, schema: healthSchema }),

    getSetupStatus: (o?: RequestOptions): Promise<SetupStatus> =>
      call('GET', '/api/v1/setup', { ...o, schema: setupStatusSchema }),
    setup: (body: SetupRequest): Promise<SessionUser> =>
      call('POST', '/api/v1/setup', { body, schema: sessionUserSchema }),

    signIn: (body: SignInRequest): Promise<SessionUser> =>
      call('POST', '/api/v1/auth/sign-in', { body, schema: sessionUserSchema }),
    signOut: (): Promise<void> => call('POST', '/api/v1/auth/sign-out'),
    /** The signed-in user, or null when nobody is signed in. */
    getMe: async (o?: RequestOptions): Promise<SessionUser | null> => {
      try {
        return await call('GET', '/api/v1/auth/me', { ...o, schema: sessionUserSchema, quietUnauthenticated: true });
      } catch (error) {
        if (isApiRequestError(error) && error.code === 'auth.unauthenticated') return null;
        throw error;
      }
    },
    updateMe: (body: UpdateMeRequest): Promise<SessionUser> =>
      call('PATCH', '/api/v1/auth/me', { body, schema: sessionUserSchema }),
    requestPasswordReset: (body: PasswordResetRequest): Promise<void> =>
      call('POST', '/api/v1/auth/password-reset/request', { body }),
    confirmPasswordReset: (body: PasswordResetConfirm): Promise<void> =>
      call('POST', '/api/v1/auth/password-reset/confirm', { body }),

    listUsers: (o?: RequestOptions): Promise<User[]> => call('GET', '/api/v1/users', { ...o, schema: userListSchema }),
    createUser: (body: CreateUserRequest): Promise<User> => call('POST', '/api/v1/users', { body, schema: userSchema }),
    updateUser: (id: string, body: UpdateUserRequest): Promise<User> =>
      call('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, { body, schema: userSchema }),

    listOutbox: (query: PageQuery, o?: RequestOptions): Promise<OutboxList> =>
      call('GET', '/api/v1/outbox', { ...o, query: { ...query }, schema: outboxListSchema }),
    getOutboxMessage: (id: string, o?: RequestOptions): Promise<OutboxMessage> =>
      call('GET', `/api/v1/outbox/${encodeURIComponent(id)}`, { ...o, schema: outboxMessageSchema }),

    getDemoStatus: (o?: RequestOptions): Promise<DemoStatus> =>
      call('GET', '/api/v1/demo', { ...o, schema: demoStatusSchema }),
    loadDemo: (body: LoadDemoRequest = {}): Promise<DemoStatus> =>
      call('POST', '/api/v1/demo', { body, schema: demoStatusSchema }),

    listCompanies: (query: CompanyListQuery, o?: RequestOptions): Promise<Page<Company>> =>
      call('GET', '/api/v1/companies', { ...o, query: { ...query }, schema: companyPageSchema }),
    getCompany: (id: string, query: CompanyDetailQuery = {}, o?: RequestOptions): Promise<CompanyDetailResponse> =>
      call('GET', `/api/v1/companies/${encodeURIComponent(id)}`, { ...o, query: { ...query }, schema: companyDetailResponseSchema }),
    updateCompany: (id: string, body: UpdateCompanyRequest): Promise<CompanyDetailResponse> =>
      call('PATCH', `/api/v1/companies/${encodeURIComponent(id)}`, { body, schema: companyDetailResponseSchema }),
    companyDuplicates: (id: string, o?: RequestOptions): Promise<CompanyDuplicate[]> =>
      call('GET', `/api/v1/companies/${encodeURIComponent(id)}/duplicates`, { ...o, schema: companyDuplicatesSchema }),
    mergeCompanies: (body: CompanyMergeRequest): Promise<MergeResult> => call('POST', '/api/v1/companies/merge', { body, schema: mergeResultSchema }),
    listContacts: (query: ContactListQuery, o?: RequestOptions): Promise<ContactPage> =>
      call('GET', '/api/v1/contacts', { ...o, query: { ...query }, schema: contactPageSchema }),
    getContact: (id: string, o?: RequestOptions): Promise<ContactDetailResponse> =>
      call('GET', `/api/v1/contacts/${encodeURIComponent(id)}`, { ...o, schema: contactDetailResponseSchema }),
    updateContact: (id: string, body: UpdateContactRequest): Promise<ContactDetailResponse> =>
      call('PATCH', `/api/v1/contacts/${encodeURIComponent(id)}`, { body, schema: contactDetailResponseSchema }),
    contactDuplicates: (id: string, o?: RequestOptions): Promise<ContactDuplicate[]> =>
      call('GET', `/api/v1/contacts/${encodeURIComponent(id)}/duplicates`, { ...o, schema: contactDuplicatesSchema }),
    mergeContacts: (body: ContactMergeRequest): Promise<MergeResult> => call('POST', '/api/v1/contacts/merge', { body, schema: mergeResultSchema }),
    /** Undoes a merge or a manual edit (a history entry of a company or contact). */
    undoMerge: (id: string): Promise<UndoResult> => call('POST', `/api/v1/merges/${encodeURIComponent(id)}/undo`, { schema: undoResultSchema }),

    listSegments: (o?: RequestOptions): Promise<Segment[]> => call('GET', '/api/v1/segments', { ...o, schema: segmentListSchema }),
    getSegment: (id: string, o?: RequestOptions): Promise<Segment> =>
      call('GET', `/api/v1/segments/${encodeURIComponent(id)}`, { ...o, schema: segmentSchema }),
    createSegment: (body: SaveSegmentRequest): Promise<Segment> => call('POST', '/api/v1/segments', { body, schema: segmentSchema }),
    updateSegment: (id: string, body: SaveSegmentRequest): Promise<Segment> =>
      call('PATCH', `/api/v1/segments/${encodeURIComponent(id)}`, { body, schema: segmentSchema }),
    deleteSegment: (id: string): Promise<void> => call('DELETE', `/api/v1/segments/${encodeURIComponent(id)}`),
    /** The count and a few members of a filter that is not saved yet. */
    previewSegment: (body: SegmentPreviewRequest, o?: RequestOptions): Promise<SegmentPreview> =>
      call('POST', '/api/v1/segments/preview', { ...o, body, schema: segmentPreviewSchema }),
    /** The CSV download is a plain link (the browser streams it to disk), so the client only builds its address. */
    segmentExportUrl: (id: string): string => `${baseUrl}/api/v1/segments/${encodeURIComponent(id)}/export.csv`,

    /** Categories with their tags; `usage` adds how many companies, contacts and segments use each tag. */
    tagCatalog: (usage: boolean, o?: RequestOptions): Promise<TagCategory[]> =>
      call('GET', '/api/v1/tags', { ...o, query: { usage: usage || undefined }, schema: tagCatalogSchema }),
    createTagCategory: (body: CreateTagCategoryRequest): Promise<TagCategory> => call('POST', '/api/v1/tags/categories', { body, schema: tagCategorySchema }),
    updateTagCategory: (id: string, body: UpdateTagCategoryRequest): Promise<TagCategory> =>
      call('PATCH', `/api/v1/tags/categories/${encodeURIComponent(id)}`, { body, schema: tagCategorySchema }),
    deleteTagCategory: (id: string): Promise<void> => call('DELETE', `/api/v1/tags/categories/${encodeURIComponent(id)}`),
    createTag: (body: CreateTagRequest): Promise<Tag> => call('POST', '/api/v1/tags', { body, schema: tagSchema }),
    updateTag: (id: string, body: UpdateTagRequest): Promise<Tag> => call('PATCH', `/api/v1/tags/${encodeURIComponent(id)}`, { body, schema: tagSchema }),
    deleteTag: (id: string): Promise<void> => call('DELETE', `/api/v1/tags/${encodeURIComponent(id)}`),
    recordTags: (entity: TagEntity, id: string, o?: RequestOptions): Promise<RecordTag[]> =>
      call('GET', `/api/v1/${TAGGED_RECORDS[entity]}/${encodeURIComponent(id)}/tags`, { ...o, schema: recordTagsSchema }),
    addRecordTags: (entity: TagEntity, id: string, tagIds: string[]): Promise<RecordTag[]> =>
      call('POST', `/api/v1/${TAGGED_RECORDS[entity]}/${encodeURIComponent(id)}/tags`, { body: { tagIds }, schema: recordTagsSchema }),
    removeRecordTag: (entity: TagEntity, id: string, tagId: string): Promise<void> =>
      call('DELETE', `/api/v1/${TAGGED_RECORDS[entity]}/${encodeURIComponent(id)}/tags/${encodeURIComponent(tagId)}`),
    bulkTag: (body: BulkTagRequest): Promise<BulkTagResult> => call('POST', '/api/v1/tags/bulk', { body, schema: bulkTagResultSchema }),

    listSuppressions: (query: SuppressionListQuery, o?: RequestOptions): Promise<Page<Suppression>> =>
      call('GET', '/api/v1/privacy/suppressions', { ...o, query: { ...query }, schema: suppressionPageSchema }),
    addSuppressions: (body: AddSuppressionsRequest): Promise<AddSuppressionsResult> =>
      call('POST', '/api/v1/privacy/suppressions', { body, schema: addSuppressionsResultSchema }),
    removeSuppression: (kind: SuppressionKind, value: string): Promise<void> =>
      call('DELETE', `/api/v1/privacy/suppressions/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`),
    /** A plain link: the browser streams the CSV of what the filters show to disk. */
    suppressionsExportUrl: (query: Omit<SuppressionListQuery, 'page' | 'pageSize'>): string =>
      `${baseUrl}/api/v1/privacy/suppressions/export.csv${buildQuery({ ...query })}`,
    searchPeople: (q: string, o?: RequestOptions): Promise<PersonSearchResult> =>
      call('GET', '/api/v1/privacy/people', { ...o, query: { q }, schema: personSearchResultSchema }),
    changeConsent: (id: string, body: ChangeConsentRequest): Promise<ConsentChangeResult> =>
      call('PATCH', `/api/v1/privacy/contacts/${encodeURIComponent(id)}/consent`, { body, schema: consentChangeResultSchema }),
    /** A plain link: the browser downloads everything held about the person. */
    personExportUrl: (id: string): string => `${baseUrl}/api/v1/privacy/contacts/${encodeURIComponent(id)}/export`,
    eraseContact: (id: string, body: EraseRequest): Promise<EraseResult> =>
      call('POST', `/api/v1/privacy/contacts/${encodeURIComponent(id)}/erase`, { body, schema: eraseResultSchema }),

    listEvents: (query: EventListQuery, o?: RequestOptions): Promise<Page<EventListItem>> =>
      call('GET', '/api/v1/events', { ...o, query: { ...query }, schema: eventPageSchema }),
    getEvent: (id: string, o?: RequestOptions): Promise<EventDetail> =>
      call('GET', `/api/v1/events/${encodeURIComponent(id)}`, { ...o, schema: eventDetailSchema }),
    createEvent: (body: CreateEventRequest): Promise<EventDetail> => call('POST', '/api/v1/events', { body, schema: eventDetailSchema }),
    /** Send only the fields that changed. */
    updateEvent: (id: string, body: UpdateEventRequest): Promise<EventDetail> =>
      call('PATCH', `/api/v1/events/${encodeURIComponent(id)}`, { body, schema: eventDetailSchema }),
    /** Moves an event along EVENT_TRANSITIONS; scheduling an incomplete one fails with `events.not_ready`. */
    changeEventStatus: (id: string, status: EventStatus): Promise<EventDetail> =>
      call('POST', `/api/v1/events/${encodeURIComponent(id)}/status`, { body: { status }, schema: eventDetailSchema }),
    /** Drafts only. */
    deleteEvent: (id: string): Promise<void> => call('DELETE', `/api/v1/events/${encodeURIComponent(id)}`),

    listImports: (query: PageQuery, o?: RequestOptions): Promise<Page<Import>> =>
      call('GET', '/api/v1/imports', { ...o, query: { ...query }, schema: importPageSchema }),
    getImport: (id: string, o?: RequestOptions): Promise<Import> =>
      call('GET', `/api/v1/imports/${encodeURIComponent(id)}`, { ...o, schema: importSchema }),
    /** The wizard's view of an uploaded file; `sheet` reads another worksheet of an XLSX. */
    previewImport: (id: string, sheet?: string, o?: RequestOptions): Promise<ImportPreview> =>
      call('GET', `/api/v1/imports/${encodeURIComponent(id)}/preview`, { ...o, query: { sheet }, schema: importPreviewSchema }),
    startImport: (id: string, body: StartImportRequest): Promise<Import> =>
      call('POST', `/api/v1/imports/${encodeURIComponent(id)}/start`, { body, schema: importSchema }),
    cancelImport: (id: string): Promise<Import> => call('POST', `/api/v1/imports/${encodeURIComponent(id)}/cancel`, { schema: importSchema }),
    listImportErrors: (id: string, query: ImportErrorsQuery, o?: RequestOptions): Promise<Page<ImportRowError>> =>
      call('GET', `/api/v1/imports/${encodeURIComponent(id)}/errors`, { ...o, query: { ...query }, schema: importErrorPageSchema }),
    importReportUrl: (id: string): string => `${baseUrl}/api/v1/imports/${encodeURIComponent(id)}/report.csv`,
    /** Uploads the file to import (see `upload`); resolves with the wizard's preview. */
    uploadImport: (file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ImportPreview> =>
      upload('/api/v1/imports', { fileName: file.name }, file, importPreviewSchema, onProgress, signal),

    /** An event's downloadable files, oldest first. */
    listMaterials: (eventId: string, o?: RequestOptions): Promise<EventMaterial[]> =>
      call('GET', `/api/v1/events/${encodeURIComponent(eventId)}/materials`, { ...o, schema: materialListSchema }),
    /** Attaches a file (see `upload`); the title defaults to the file name. */
    uploadMaterial: (eventId: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<EventMaterial> =>
      upload(`/api/v1/events/${encodeURIComponent(eventId)}/materials`, { fileName: file.name }, file, eventMaterialSchema, onProgress, signal),
    updateMaterial: (eventId: string, materialId: string, body: UpdateMaterialRequest): Promise<EventMaterial> =>
      call('PATCH', `/api/v1/events/${encodeURIComponent(eventId)}/materials/${encodeURIComponent(materialId)}`, { body, schema: eventMaterialSchema }),
    deleteMaterial: (eventId: string, materialId: string): Promise<void> =>
      call('DELETE', `/api/v1/events/${encodeURIComponent(eventId)}/materials/${encodeURIComponent(materialId)}`),
    /** A plain link (the material's `downloadUrl`): the browser streams the file to disk. */
    materialFileUrl: (material: EventMaterial): string => `${baseUrl}${material.downloadUrl}`,
    /** What attendees did: downloads per material, clicks per button, survey answers by question. */
    eventEngagement: (eventId: string, o?: RequestOptions): Promise<EngagementSummary> =>
      call('GET', `/api/v1/events/${encodeURIComponent(eventId)}/engagement`, { ...o, schema: engagementSummarySchema }),

    /** Newest first; `eventId` keeps one event's. */
    listCampaigns: (eventId: string | undefined, o?: RequestOptions): Promise<Campaign[]> =>
      call('GET', '/api/v1/campaigns', { ...o, query: { eventId }, schema: campaignListSchema }),
    getCampaign: (id: string, o?: RequestOptions): Promise<Campaign> =>
      call('GET', `/api/v1/campaigns/${encodeURIComponent(id)}`, { ...o, schema: campaignSchema }),
    /** A template the server cannot use fails with `campaigns.bad_template`, its problems by field in `details`. */
    createCampaign: (body: SaveCampaignRequest): Promise<Campaign> => call('POST', '/api/v1/campaigns', { body, schema: campaignSchema }),
    /** The whole campaign again; drafts and scheduled campaigns only. */
    updateCampaign: (id: string, body: SaveCampaignRequest): Promise<Campaign> =>
      call('PUT', `/api/v1/campaigns/${encodeURIComponent(id)}`, { body, schema: campaignSchema }),
    /** Drafts only. */
    deleteCampaign: (id: string): Promise<void> => call('DELETE', `/api/v1/campaigns/${encodeURIComponent(id)}`),
    /** Renders unsaved editor content for `contactId`, or the audience's first recipient. */
    previewCampaign: (body: z.input<typeof campaignPreviewRequestSchema>, o?: RequestOptions): Promise<CampaignPreview> =>
      call('POST', '/api/v1/campaigns/preview', { ...o, body, schema: campaignPreviewSchema }),
    testSendCampaign: (body: z.input<typeof testSendRequestSchema>): Promise<{ to: string; mailId: string }> =>
      call('POST', '/api/v1/campaigns/test-send', { body, schema: testSendResultSchema }),
    /** Starts at `at` (an ISO time), or now when it is null. */
    scheduleCampaign: (id: string, at: string | null): Promise<Campaign> =>
      call('POST', `/api/v1/campaigns/${encodeURIComponent(id)}/schedule`, { body: { at }, schema: campaignSchema }),
    pauseCampaign: (id: string): Promise<Campaign> => call('POST', `/api/v1/campaigns/${encodeURIComponent(id)}/pause`, { schema: campaignSchema }),
    resumeCampaign: (id: string): Promise<Campaign> => call('POST', `/api/v1/campaigns/${encodeURIComponent(id)}/resume`, { schema: campaignSchema }),
    cancelCampaign: (id: string): Promise<Campaign> => call('POST', `/api/v1/campaigns/${encodeURIComponent(id)}/cancel`, { schema: campaignSchema }),
    listInvitations: (id: string, query: z.input<typeof invitationListQuerySchema>, o?: RequestOptions): Promise<Page<Invitation>> =>
      call('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/invitations`, { ...o, query: { ...query }, schema: invitationPageSchema }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The console's client. */
export const api = createApiClient();
