/** Request and response schemas of the crisis API (shared by server and web). */
import { z } from 'zod';
import { uuidSchema, workspaceParamsSchema } from './common.ts';

export const SCENARIOS = ['false_report', 'data_leak', 'shitstorm', 'technical_outage', 'security_incident'] as const;
export const scenarioSchema = z.enum(SCENARIOS);
export const CRISIS_STATES = ['proposed', 'active', 'ended', 'dismissed'] as const;
export const REGISTERS = ['du', 'sie'] as const;
export const STATEMENT_NETWORKS = ['bluesky', 'mastodon'] as const;
export const CRISIS_WEBHOOK_FORMATS = ['json', 'slack', 'teams', 'matrix'] as const;
export const HOLDING_STATUSES = ['draft', 'in_review', 'approved'] as const;
export const SEVERITIES = [1, 2, 3] as const;

const iso = z.string();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max);

/** A person in a playbook: a named member, or whoever is duty editor on the roster at the time. */
export const memberRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: uuidSchema }).strict(),
  z.object({ kind: z.literal('duty_editor') }).strict(),
]);
export type MemberRef = z.infer<typeof memberRefSchema>;

export const triggerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('listening_spike'),
    queryId: uuidSchema,
    alertKinds: z.array(z.enum(['volume', 'negative_share'])).min(1).max(2).default(['volume', 'negative_share']),
    /** Robust z of the alert at least this (the alert's own threshold applies first). */
    minScore: z.number().min(0).max(100).default(0),
  }).strict(),
  z.object({ kind: z.literal('inbox_volume'), perHour: z.number().int().min(1).max(100_000) }).strict(),
  z.object({ kind: z.literal('manual'), description: optionalText(500).default('') }).strict(),
]);
export type Trigger = z.infer<typeof triggerSchema>;

export const severityLevelSchema = z.object({
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  name: text(120),
  description: optionalText(1000).default(''),
  triggers: z.array(triggerSchema).max(10).default([]),
}).strict();

export const teamEntrySchema = z.object({
  /** The function in the crisis team, e.g. "Leitung", "Sprecherin", "Recht". */
  label: text(120),
  member: memberRefSchema,
  /** Called when `member` does not acknowledge within `escalateAfterMinutes` (the roster's substitute is asked first). */
  substituteUserId: uuidSchema.nullable().default(null),
  escalateAfterMinutes: z.number().int().min(1).max(24 * 60).default(15),
}).strict();

export const taskTemplateSchema = z.object({
  title: text(300),
  owner: memberRefSchema,
  /** Target time after activation. */
  dueMinutes: z.number().int().min(1).max(14 * 24 * 60),
}).strict();

export const faqSchema = z.object({ question: text(500), answer: text(4000), language: z.enum(['de', 'en']) }).strict();

export const approvalStepSchema = z.object({
  name: text(120),
  roles: z.array(z.string().max(40)).max(20).default([]),
  userIds: z.array(uuidSchema).max(50).default([]),
  mode: z.enum(['any', 'all']).default('any'),
}).strict();

export const playbookContentSchema = z.object({
  description: optionalText(4000).default(''),
  levels: z.array(severityLevelSchema).min(1).max(3),
  team: z.array(teamEntrySchema).max(30).default([]),
  tasks: z.array(taskTemplateSchema).max(60).default([]),
  faq: z.array(faqSchema).max(60).default([]),
  /** The saved listening query that describes this kind of crisis (timeline, inbox matching). */
  queryId: uuidSchema.nullable().default(null),
  /** Approval path while the crisis is active (default: duty editor, then one approver). */
  crisisChain: z.array(approvalStepSchema).max(5).nullable().default(null),
  /** First-response and resolution targets for crisis items in the inbox. */
  sla: z.object({ firstResponseMinutes: z.number().int().min(1).max(24 * 60), resolutionMinutes: z.number().int().min(1).max(14 * 24 * 60) }).strict().default({ firstResponseMinutes: 15, resolutionMinutes: 120 }),
}).strict();
export type PlaybookContent = z.infer<typeof playbookContentSchema>;

export const playbookCreateSchema = z.object({ scenario: scenarioSchema, name: text(200), content: playbookContentSchema }).strict();
export const playbookUpdateSchema = z.object({
  name: text(200).optional(),
  content: playbookContentSchema.optional(),
  archived: z.boolean().optional(),
  /** Optimistic check: the version the editor started from. */
  version: z.number().int().min(1),
}).strict();
export const playbookParamsSchema = workspaceParamsSchema.extend({ playbookId: uuidSchema });

export const holdingStatementSchema = z.object({
  id: uuidSchema,
  playbookId: uuidSchema,
  title: z.string(),
  language: z.enum(['de', 'en']),
  register: z.enum(REGISTERS),
  text: z.string(),
  variants: z.record(z.string(), z.string()),
  networks: z.array(z.enum(STATEMENT_NETWORKS)),
  contentHash: z.string(),
  version: z.number().int(),
  status: z.enum(HOLDING_STATUSES),
  approvedAt: iso.nullable(),
  /** The approved text may be used as it is (status approved and unchanged since). */
  usable: z.boolean(),
  approval: z.object({
    pendingStep: z.number().int().nullable(),
    steps: z.array(z.object({ name: z.string(), approvedBy: z.array(z.string()), satisfied: z.boolean(), waitingFor: z.array(z.string()) })),
  }),
  /** Characters per network as that network counts them. */
  lengths: z.array(z.object({ network: z.string(), count: z.number().int(), max: z.number().int(), ok: z.boolean() })),
  updatedAt: iso,
});

export const playbookSchema = z.object({
  id: uuidSchema,
  scenario: scenarioSchema,
  name: z.string(),
  version: z.number().int(),
  archived: z.boolean(),
  content: playbookContentSchema,
  holdingStatements: z.array(holdingStatementSchema),
  updatedAt: iso,
});
export const playbookVersionSchema = z.object({ version: z.number().int(), name: z.string(), editedBy: z.string().nullable(), createdAt: iso });

const variantsSchema = z.object({ bluesky: text(3000).optional(), mastodon: text(3000).optional() }).strict();
export const holdingCreateSchema = z.object({
  title: text(200),
  language: z.enum(['de', 'en']),
  register: z.enum(REGISTERS),
  text: text(3000),
  variants: variantsSchema.default({}),
  networks: z.array(z.enum(STATEMENT_NETWORKS)).min(1).max(2).default(['bluesky', 'mastodon']),
}).strict();
export const holdingUpdateSchema = holdingCreateSchema.partial().strict();
export const holdingParamsSchema = playbookParamsSchema.extend({ statementId: uuidSchema });
export const holdingDecisionSchema = z.object({ decision: z.enum(['approved', 'changes_requested']), comment: optionalText(2000).optional() }).strict();

export const webhookSchema = z.object({ id: uuidSchema, name: z.string(), format: z.enum(CRISIS_WEBHOOK_FORMATS), host: z.string(), signed: z.boolean(), enabled: z.boolean(), createdAt: iso });
export const webhookCreateSchema = z.object({
  name: text(120),
  format: z.enum(CRISIS_WEBHOOK_FORMATS),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  /** Optional HMAC secret: deliveries carry `X-Resonanz-Signature: sha256=…`. */
  secret: z.string().min(16).max(200).optional(),
}).strict();
export const webhookParamsSchema = workspaceParamsSchema.extend({ webhookId: uuidSchema });

export const crisisParamsSchema = workspaceParamsSchema.extend({ crisisId: uuidSchema });

export const activateSchema = z.object({
  playbookId: uuidSchema,
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  title: text(200).optional(),
  scope: z.enum(['workspace', 'channels']).default('workspace'),
  /** With scope `channels`: the channels whose publishing pauses. */
  channelIds: z.array(uuidSchema).max(50).default([]),
  reason: text(2000),
}).strict();
export const confirmSchema = z.object({
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  scope: z.enum(['workspace', 'channels']).optional(),
  channelIds: z.array(uuidSchema).max(50).optional(),
  reason: text(2000),
}).strict();
export const dismissSchema = z.object({ reason: text(2000) }).strict();
export const endSchema = z.object({
  summary: text(4000),
  /**
   * What happens to posts that came due while publishing was paused: `review` keeps them held for
   * a decision one by one; `publish_all` and `cancel_all` decide them in bulk.
   */
  heldBack: z.enum(['review', 'publish_all', 'cancel_all']),
}).strict();
export const heldBackDecisionSchema = z.object({
  targetIds: z.array(uuidSchema).min(1).max(500),
  action: z.enum(['publish_now', 'cancel']),
}).strict();

export const decisionCreateSchema = z.object({ decision: text(1000), reason: text(2000) }).strict();
export const taskParamsSchema = crisisParamsSchema.extend({ taskId: uuidSchema });
export const taskUpdateSchema = z.object({ done: z.boolean() }).strict();
export const statementCreateSchema = z.object({
  holdingStatementId: uuidSchema.optional(),
  /** Changed text: needs the crisis approval path; without it the pre-approved text is used. */
  text: text(3000).optional(),
  language: z.enum(['de', 'en']).optional(),
  channelIds: z.array(uuidSchema).min(1).max(20),
}).strict();
export const statementParamsSchema = crisisParamsSchema.extend({ statementId: uuidSchema });
export const drillCreateSchema = z.object({
  playbookId: uuidSchema,
  /** Minutes over which the simulated curve rises (the drill's length). */
  durationMinutes: z.number().int().min(5).max(240).default(30),
  title: text(200).optional(),
}).strict();
export const drillItemParamsSchema = crisisParamsSchema.extend({ itemId: uuidSchema });

export const crisisSummarySchema = z.object({
  id: uuidSchema,
  title: z.string(),
  scenario: scenarioSchema,
  severity: z.number().int(),
  state: z.enum(CRISIS_STATES),
  drill: z.boolean(),
  scope: z.enum(['workspace', 'channels']),
  channelIds: z.array(uuidSchema),
  playbookId: uuidSchema.nullable(),
  queryId: uuidSchema.nullable(),
  trigger: z.record(z.string(), z.unknown()),
  proposedAt: iso.nullable(),
  confirmedAt: iso.nullable(),
  endedAt: iso.nullable(),
  pauseEffectiveMs: z.number().int().nullable(),
  hasReport: z.boolean(),
  createdAt: iso,
});
export type CrisisSummary = z.infer<typeof crisisSummarySchema>;

/** What the banner on every page needs. */
export const crisisStateSchema = z.object({
  active: crisisSummarySchema.nullable(),
  drill: crisisSummarySchema.nullable(),
  proposal: crisisSummarySchema.nullable(),
  /** The signed-in member's own unacknowledged call, if any. */
  myContact: z.object({ crisisId: uuidSchema, contactId: uuidSchema }).nullable(),
});

export const crisisEventSchema = z.object({ id: z.number().int(), at: iso, kind: z.string(), actorId: z.string().nullable(), summary: z.string(), reason: z.string().nullable(), data: z.record(z.string(), z.unknown()) });
export const crisisTaskSchema = z.object({ id: uuidSchema, position: z.number().int(), title: z.string(), ownerId: z.string().nullable(), dueAt: iso, doneAt: iso.nullable(), doneBy: z.string().nullable(), late: z.boolean() });
export const crisisContactSchema = z.object({
  id: uuidSchema, position: z.number().int(), label: z.string(), userId: z.string(), name: z.string(), substituteFor: z.string().nullable(),
  notifiedAt: iso, escalateAt: iso.nullable(), escalatedAt: iso.nullable(), acknowledgedAt: iso.nullable(),
  deliveries: z.array(z.object({ channel: z.string(), ok: z.boolean(), error: z.string().optional() })),
});
export const crisisStatementSchema = z.object({
  id: uuidSchema, holdingStatementId: z.string().nullable(), postId: z.string().nullable(), text: z.string(), language: z.string(), channelIds: z.array(z.string()),
  preApproved: z.boolean(), createdAt: iso, releasedAt: iso.nullable(),
  /** Per channel: the publish state of the post's target (empty in drills). */
  targets: z.array(z.object({ channelId: z.string(), state: z.string(), remoteUrl: z.string().nullable(), publishedAt: iso.nullable(), lastError: z.string().nullable() })),
});
export const timelineBucketSchema = z.object({ at: iso, volume: z.number().int(), negative: z.number().int(), neutral: z.number().int(), positive: z.number().int() });
export const feedItemSchema = z.object({
  id: z.string(), kind: z.enum(['mention', 'comment', 'inbox']), network: z.string(), author: z.string().nullable(), text: z.string(),
  sentiment: z.enum(['negative', 'neutral', 'positive']), at: iso, url: z.string().nullable(), handledAt: iso.nullable(),
});
export const heldBackSchema = z.object({ targetId: uuidSchema, postId: uuidSchema, channelId: uuidSchema, scheduledAt: iso.nullable(), text: z.string(), held: z.boolean() });

export const crisisRoomSchema = z.object({
  crisis: crisisSummarySchema,
  playbook: z.object({ id: uuidSchema, name: z.string(), version: z.number().int(), faq: z.array(faqSchema), sla: z.object({ firstResponseMinutes: z.number(), resolutionMinutes: z.number() }) }).nullable(),
  timeline: z.array(timelineBucketSchema),
  feed: z.array(feedItemSchema),
  events: z.array(crisisEventSchema),
  tasks: z.array(crisisTaskSchema),
  contacts: z.array(crisisContactSchema),
  statements: z.array(crisisStatementSchema),
  holdingStatements: z.array(holdingStatementSchema),
  heldBack: z.array(heldBackSchema),
  /** Whether the inbox module is present (crisis items are routed there) — false shows why the feed has no inbox items. */
  inboxConnected: z.boolean(),
});

export const reportSummarySchema = z.object({
  crisis: crisisSummarySchema,
  workspaceName: z.string(),
  playbookName: z.string().nullable(),
  generatedAt: iso,
  durationMinutes: z.number(),
  volumes: z.array(timelineBucketSchema),
  totals: z.object({ mentions: z.number().int(), negative: z.number().int(), inboxItems: z.number().int(), handled: z.number().int() }),
  responseTimes: z.object({
    acknowledgements: z.array(z.object({ name: z.string(), label: z.string(), minutes: z.number().nullable() })),
    medianAckMinutes: z.number().nullable(),
    firstStatementMinutes: z.number().nullable(),
    medianHandleMinutes: z.number().nullable(),
  }),
  statements: z.array(z.object({ at: iso, text: z.string(), channels: z.array(z.string()), preApproved: z.boolean(), published: z.boolean() })),
  decisions: z.array(z.object({ at: iso, by: z.string(), decision: z.string(), reason: z.string().nullable() })),
  tasks: z.array(z.object({ title: z.string(), owner: z.string(), dueAt: iso, doneAt: iso.nullable(), late: z.boolean() })),
  timeline: z.array(z.object({ at: iso, kind: z.string(), summary: z.string() })),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;
