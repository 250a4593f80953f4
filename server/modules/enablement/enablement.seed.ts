/**
 * Demo guidelines and training: the starter guideline, published, acknowledged by half the team
 * (so the navigator shows work left), and the starter training with its quiz, passed by two.
 */
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { systemClock } from '../../http/context.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { acknowledgeGuideline, createGuideline, publishGuideline } from './guidelines.service.ts';
import { STARTER_TRAINING } from './starter-training.ts';
import { createTraining, submitAttempt } from './trainings.service.ts';

export async function seedEnablementDemo({ tx, workspaceId, userIds }: DemoSeedContext): Promise<void> {
  const clock = systemClock;
  const owner = userIds['demo@resonanz.local'] ?? null;
  const actor = { ...SYSTEM_ACTOR, userId: owner };
  const g = await createGuideline(tx, clock, actor, workspaceId, { title: 'Social-Media-Leitfaden für Mitarbeitende', language: 'de', fromTemplate: true });
  await publishGuideline(tx, clock, actor, workspaceId, g.id, 'Erste Fassung, abgestimmt mit Personalrat und Justiziariat.');
  const team = Object.values(userIds);
  for (const userId of team.slice(0, Math.ceil(team.length / 2))) {
    await acknowledgeGuideline(tx, clock, { ...SYSTEM_ACTOR, userId }, workspaceId, g.id, 1);
  }

  const t = await createTraining(tx, clock, actor, workspaceId, { title: STARTER_TRAINING.de.title, language: 'de', fromTemplate: true, status: 'published' });
  const right = Object.fromEntries(STARTER_TRAINING.de.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
  for (const email of ['strategie@resonanz.local', 'community@resonanz.local']) {
    const userId = userIds[email];
    if (userId) await submitAttempt(tx, clock, { ...SYSTEM_ACTOR, userId }, workspaceId, t.id, right);
  }
  const learner = userIds['mitarbeit@resonanz.local'];
  if (learner) await submitAttempt(tx, clock, { ...SYSTEM_ACTOR, userId: learner }, workspaceId, t.id, { ...right, doubt: ['b'] });
}
