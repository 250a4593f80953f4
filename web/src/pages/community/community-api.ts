/** Types and query hooks of community management (roster, SLA, moderation, privacy), from the shared schemas. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { absenceSchema, onDutySchema, rosterCalendarSchema, shiftSchema } from '../../../../common/schemas/roster.ts';
import type { slaReportSchema, slaSettingsSchema } from '../../../../common/schemas/sla.ts';
import type { actionSchema, appealSchema, clauseSchema, flagSchema, ladderItemSchema, ladderSchema, netiquetteSchema, ruleSchema, statsSchema } from '../../../../common/schemas/moderation.ts';
import type { authorSummarySchema, privacySettingsSchema } from '../../../../common/schemas/privacy.ts';
import { get } from '../../api/client.ts';
import type { Team } from '../../api/types.ts';

export type Shift = z.infer<typeof shiftSchema>;
export type Absence = z.infer<typeof absenceSchema>;
export type RosterCalendar = z.infer<typeof rosterCalendarSchema>;
export type OnDuty = z.infer<typeof onDutySchema>;
export type SlaSettings = z.infer<typeof slaSettingsSchema>;
export type SlaReport = z.infer<typeof slaReportSchema>;
export type Action = z.infer<typeof actionSchema>;
export type Appeal = z.infer<typeof appealSchema>;
export type Clause = z.infer<typeof clauseSchema>;
export type Flag = z.infer<typeof flagSchema>;
export type Ladder = z.infer<typeof ladderSchema> & { flags: Flag[]; item: z.infer<typeof ladderItemSchema> };
export type Netiquette = z.infer<typeof netiquetteSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type AuthorSummary = z.infer<typeof authorSummarySchema>;
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

export const communityKeys = {
  all: (ws: string) => ['community', ws] as const,
  of: (ws: string, ...rest: unknown[]) => ['community', ws, ...rest] as const,
};

export function useTeamNames(ws: string): Map<string, string> {
  const team = useQuery({ queryKey: ['team', ws], queryFn: () => get<Team>(`/workspaces/${ws}/members`) });
  return new Map((team.data?.members ?? []).map((m) => [m.userId, m.name]));
}
export function useTeam(ws: string) {
  return useQuery({ queryKey: ['team', ws], queryFn: () => get<Team>(`/workspaces/${ws}/members`) });
}
export function useChannelList(ws: string) {
  return useQuery({ queryKey: ['calendar', ws, 'channels'], queryFn: () => get<{ items: { id: string; name: string; network: string }[] }>(`/workspaces/${ws}/channels`).then((r) => r.items) });
}
export function useNetiquette(ws: string) {
  return useQuery({ queryKey: communityKeys.of(ws, 'netiquette'), queryFn: () => get<Netiquette>(`/workspaces/${ws}/moderation/netiquette`) });
}

/** The message of a problem+json error, for alerts. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
