/**
 * Training modules with quizzes: authoring (a quiz with no correct answer is rejected), attempts
 * with scores, and completion per member and per roll-out phase.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';
import { notFound, unprocessable, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { strategyPhases } from '../strategy/strategy.schema.ts';
import { wellFormed } from '../strategy/well-formed.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { trainingAttempts, trainings } from './enablement.schema.ts';
import { answerIssues, forLearner, quizIssues, scoreAttempt, withIds, type QuestionInput, type QuizQuestion } from './quiz.ts';
import { STARTER_TRAINING } from './starter-training.ts';

type Training = typeof trainings.$inferSelect;
export interface TrainingInput {
  title?: string;
  language?: 'de' | 'en';
  body?: string;
  links?: { title: string; url: string }[];
  media?: { title: string; url: string; kind: string }[];
  questions?: QuestionInput[];
  passMark?: number;
  status?: 'draft' | 'published';
  fromTemplate?: boolean;
}

async function load(tx: Tx, workspaceId: string, id: string, lock = false): Promise<Training> {
  const q = tx.select().from(trainings).where(and(eq(trainings.id, id), eq(trainings.workspaceId, workspaceId)));
  const [t] = lock ? await q.for('update') : await q;
  if (!t) throw notFound('training');
  return t;
}

function checkQuiz(questions: QuizQuestion[], status: string): void {
  const issues = quizIssues(questions).map((i) => ({ path: `body.${i.path}`, message: i.message }));
  if (issues.length) throw validationFailed(issues);
  if (status === 'published' && !questions.length) throw validationFailed([{ path: 'body.questions', message: 'a published training needs a quiz with at least one question' }]);
}

async function present(tx: Tx, t: Training, userId: string, editor: boolean) {
  const [mine] = await tx.select({ best: sql<number | null>`max(${trainingAttempts.score})`, passed: sql<boolean>`coalesce(bool_or(${trainingAttempts.passed}), false)` })
    .from(trainingAttempts).where(and(eq(trainingAttempts.trainingId, t.id), eq(trainingAttempts.userId, userId)));
  const questions = t.questions as QuizQuestion[];
  return {
    id: t.id, title: t.title, language: t.language as 'de' | 'en', body: t.body,
    links: t.links as { title: string; url: string }[], media: t.media as { title: string; url: string; kind: 'video' }[],
    questions: editor ? questions : forLearner(questions),
    passMark: t.passMark, status: t.status as 'draft' | 'published', version: t.version, updatedAt: t.updatedAt.toISOString(),
    myBestScore: mine?.best === null || mine?.best === undefined ? null : Number(mine.best), myPassed: Boolean(mine?.passed),
  };
}

export async function listTrainings(tx: Tx, workspaceId: string, userId: string, editor: boolean) {
  const rows = await tx.select().from(trainings)
    .where(editor ? eq(trainings.workspaceId, workspaceId) : and(eq(trainings.workspaceId, workspaceId), eq(trainings.status, 'published')))
    .orderBy(asc(trainings.createdAt), asc(trainings.id));
  return Promise.all(rows.map((t) => present(tx, t, userId, editor)));
}

export async function getTraining(tx: Tx, workspaceId: string, id: string, userId: string, editor: boolean) {
  const t = await load(tx, workspaceId, id);
  if (!editor && t.status !== 'published') throw notFound('training');
  return present(tx, t, userId, editor);
}

export async function createTraining(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, input: TrainingInput & { title: string }) {
  const b = wellFormed(input);
  const language = b.language ?? 'de';
  const starter = b.fromTemplate ? STARTER_TRAINING[language] : null;
  const questions = starter ? starter.questions : withIds(b.questions ?? []);
  const status = b.status ?? 'draft';
  checkQuiz(questions, status);
  const now = clock.now();
  const [t] = await tx.insert(trainings).values({
    workspaceId, title: b.title, language, body: starter?.body ?? b.body ?? '', links: b.links ?? [], media: b.media ?? [], questions,
    passMark: b.passMark ?? (starter ? 75 : 80), status, createdBy: actor.userId, createdAt: now, updatedAt: now,
  }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'training.created', objectType: 'training', objectId: t!.id, after: { title: t!.title, status, questions: questions.length } }, now);
  return present(tx, t!, actor.userId ?? '', true);
}

export async function updateTraining(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, id: string, input: TrainingInput) {
  const b = wellFormed(input);
  const before = await load(tx, workspaceId, id, true);
  const questions = b.questions ? withIds(b.questions) : (before.questions as QuizQuestion[]);
  checkQuiz(questions, b.status ?? before.status);
  const now = clock.now();
  const patch = Object.fromEntries(Object.entries({ title: b.title, language: b.language, body: b.body, links: b.links, media: b.media, passMark: b.passMark, status: b.status }).filter(([, v]) => v !== undefined));
  const [t] = await tx.update(trainings).set({ ...patch, questions, version: before.version + 1, updatedAt: now }).where(eq(trainings.id, id)).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'training.updated', objectType: 'training', objectId: id, before: { title: before.title, status: before.status, passMark: before.passMark, version: before.version }, after: { title: t!.title, status: t!.status, passMark: t!.passMark, version: t!.version } }, now);
  return present(tx, t!, actor.userId ?? '', true);
}

export async function deleteTraining(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, id: string) {
  const t = await load(tx, workspaceId, id, true);
  await tx.delete(trainings).where(eq(trainings.id, id));
  await recordAudit(tx, actor, { workspaceId, action: 'training.deleted', objectType: 'training', objectId: id, before: { title: t.title } }, clock.now());
}

export async function submitAttempt(tx: Tx, clock: Clock, actor: Actor & { userId: string }, workspaceId: string, id: string, answers: Record<string, string[]>) {
  const t = await load(tx, workspaceId, id);
  if (t.status !== 'published') throw notFound('training');
  const questions = t.questions as QuizQuestion[];
  if (!questions.length) throw unprocessable('no_quiz', 'This training has no quiz.');
  const issues = answerIssues(questions, answers).map((i) => ({ path: `body.${i.path}`, message: i.message }));
  if (issues.length) throw validationFailed(issues);
  const r = scoreAttempt(questions, answers, t.passMark);
  const now = clock.now();
  const [a] = await tx.insert(trainingAttempts).values({ workspaceId, trainingId: id, trainingVersion: t.version, userId: actor.userId, answers, score: r.score, passed: r.passed, createdAt: now }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'training.attempted', objectType: 'training', objectId: id, after: { score: r.score, passed: r.passed, version: t.version } }, now);
  return { id: a!.id, score: r.score, passed: r.passed, passMark: t.passMark, questions: r.questions };
}

/** Per member: attempts, best score, passed; per roll-out phase: how many of its members passed. */
export async function trainingCompletion(tx: Tx, workspaceId: string, id: string) {
  await load(tx, workspaceId, id);
  const members = await tx.select({ userId: users.id, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId)).orderBy(asc(users.name));
  const stats = await tx.select({ userId: trainingAttempts.userId, attempts: sql<number>`count(*)::int`, best: sql<number>`max(${trainingAttempts.score})::int`, passed: sql<boolean>`bool_or(${trainingAttempts.passed})` })
    .from(trainingAttempts).where(eq(trainingAttempts.trainingId, id)).groupBy(trainingAttempts.userId);
  const by = new Map(stats.map((s) => [s.userId, s]));
  const list = members.map((m) => ({ ...m, attempts: by.get(m.userId)?.attempts ?? 0, bestScore: by.get(m.userId)?.best ?? null, passed: Boolean(by.get(m.userId)?.passed) }));
  const passedIds = new Set(list.filter((m) => m.passed).map((m) => m.userId));
  const memberIds = new Set(members.map((m) => m.userId));
  const phases = await tx.select().from(strategyPhases).where(eq(strategyPhases.workspaceId, workspaceId)).orderBy(asc(strategyPhases.position));
  return {
    members: list,
    phases: phases.map((p) => {
      const ids = p.memberIds.filter((u) => memberIds.has(u));
      const passed = ids.filter((u) => passedIds.has(u)).length;
      return { phaseId: p.id, name: p.name, members: ids.length, passed, share: ids.length ? Math.round((passed / ids.length) * 1000) / 10 : 0 };
    }),
    passed: passedIds.size,
    total: members.length,
  };
}
