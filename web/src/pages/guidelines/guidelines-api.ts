/** Types of guidelines and training, inferred from the shared schemas. */
import type { z } from 'zod';
import type { acknowledgementStatusSchema, attemptResultSchema, guidelineSchema, trainingSchema } from '../../../../common/schemas/enablement.ts';

export type Guideline = z.infer<typeof guidelineSchema>;
export type AcknowledgementStatus = z.infer<typeof acknowledgementStatusSchema>;
export type Training = z.infer<typeof trainingSchema>;
export type AttemptResult = z.infer<typeof attemptResultSchema>;

export const guidelinesKey = (wsId: string) => ['guidelines', wsId] as const;
export const trainingsKey = (wsId: string) => ['trainings', wsId] as const;

/** The guideline to show: the published one in the UI language, else any published one. */
export function pickGuideline(items: readonly Guideline[], lang: string): Guideline | null {
  const published = items.filter((g) => g.currentVersion !== null);
  return published.find((g) => g.language === lang) ?? published[0] ?? null;
}

/** The card shows the title as its heading; a body that opens with the same heading would repeat it. */
export function withoutTitle(body: string, title: string): string {
  const first = /^\s*#\s+(.+)\n/.exec(body);
  return first && first[1]!.trim() === title.trim() ? body.slice(first[0].length) : body;
}
