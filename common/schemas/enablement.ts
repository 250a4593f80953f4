/** Request/response schemas of guidelines (versioned, acknowledged) and training (quizzes, attempts). */
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { uuidSchema } from './common.ts';

const title = z.string().trim().min(1).max(LIMITS.name);
/** Long enough for a full guideline (~25 pages), short enough to stay well inside the body limit. */
const markdown = z.string().max(50_000);
const language = z.enum(['de', 'en']);
const shortId = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const httpUrl = z.url({ protocol: /^https?$/ }).max(2_000);

// ── Guidelines ────────────────────────────────────────────────────────────────────────────────
export const guidelineCreateSchema = z.strictObject({
  title,
  body: markdown.optional(),
  language: language.optional(),
  /** Start from the built-in starter guideline in `language` instead of `body`. */
  fromTemplate: z.boolean().optional(),
});
export const guidelineUpdateSchema = z.strictObject({ title: title.optional(), body: markdown.optional(), language: language.optional() });
export const guidelinePublishSchema = z.strictObject({ changeNote: z.string().trim().max(2_000).optional() });
export const guidelineAcknowledgeSchema = z.strictObject({ version: z.number().int().min(1).max(1_000_000) });
export const guidelineParamsSchema = z.object({ workspaceId: uuidSchema, guidelineId: uuidSchema });

export const guidelineSchema = z.object({
  id: uuidSchema,
  language,
  /** The published version's title and text (null before the first publication). */
  currentVersion: z.number().int().nullable(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Whether the caller acknowledged the current version. */
  acknowledged: z.boolean(),
  /** The draft, only for those who may edit guidelines. */
  draft: z.object({ title: z.string(), body: z.string(), updatedAt: z.string() }).nullable(),
});
export const guidelineVersionSchema = z.object({ version: z.number().int(), title: z.string(), body: z.string(), changeNote: z.string(), publishedAt: z.string(), publishedBy: uuidSchema.nullable() });
export const acknowledgementStatusSchema = z.object({
  version: z.number().int().nullable(),
  acknowledged: z.number().int(),
  total: z.number().int(),
  share: z.number(),
  members: z.array(z.object({ userId: uuidSchema, name: z.string(), acknowledgedAt: z.string().nullable() })),
});

// ── Training ──────────────────────────────────────────────────────────────────────────────────
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export const MEDIA_KINDS = ['video', 'audio', 'image', 'document'] as const;
export const quizOptionInputSchema = z.strictObject({ id: shortId.optional(), text: z.string().trim().min(1).max(1_000), correct: z.boolean() });
export const quizQuestionInputSchema = z.strictObject({
  id: shortId.optional(),
  prompt: z.string().trim().min(1).max(2_000),
  kind: z.enum(QUESTION_KINDS),
  options: z.array(quizOptionInputSchema).min(2).max(10),
});
export const trainingCreateSchema = z.strictObject({
  title,
  language: language.optional(),
  body: markdown.optional(),
  links: z.array(z.strictObject({ title, url: httpUrl })).max(50).optional(),
  media: z.array(z.strictObject({ title, url: httpUrl, kind: z.enum(MEDIA_KINDS) })).max(20).optional(),
  questions: z.array(quizQuestionInputSchema).max(50).optional(),
  passMark: z.number().int().min(1).max(100).optional(),
  status: z.enum(['draft', 'published']).optional(),
  fromTemplate: z.boolean().optional(),
});
export const trainingUpdateSchema = trainingCreateSchema.omit({ fromTemplate: true }).partial();
export const trainingParamsSchema = z.object({ workspaceId: uuidSchema, trainingId: uuidSchema });

const optionOut = z.object({ id: z.string(), text: z.string(), correct: z.boolean().optional() });
export const trainingSchema = z.object({
  id: uuidSchema,
  title: z.string(),
  language,
  body: z.string(),
  links: z.array(z.object({ title: z.string(), url: z.string() })),
  media: z.array(z.object({ title: z.string(), url: z.string(), kind: z.enum(MEDIA_KINDS) })),
  /** `correct` is present only for those who may edit training. */
  questions: z.array(z.object({ id: z.string(), prompt: z.string(), kind: z.enum(QUESTION_KINDS), options: z.array(optionOut) })),
  passMark: z.number().int(),
  status: z.enum(['draft', 'published']),
  version: z.number().int(),
  updatedAt: z.string(),
  /** The caller's best result. */
  myBestScore: z.number().int().nullable(),
  myPassed: z.boolean(),
});
export const attemptInputSchema = z.strictObject({ answers: z.record(shortId, z.array(shortId).max(10)) });
export const attemptResultSchema = z.object({
  id: uuidSchema,
  score: z.number().int(),
  passed: z.boolean(),
  passMark: z.number().int(),
  questions: z.array(z.object({ id: z.string(), correct: z.boolean() })),
});
export const trainingCompletionSchema = z.object({
  members: z.array(z.object({ userId: uuidSchema, name: z.string(), attempts: z.number().int(), bestScore: z.number().int().nullable(), passed: z.boolean() })),
  phases: z.array(z.object({ phaseId: uuidSchema, name: z.string(), members: z.number().int(), passed: z.number().int(), share: z.number() })),
  passed: z.number().int(),
  total: z.number().int(),
});
