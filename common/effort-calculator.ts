/**
 * Effort calculator (Bitkom point 4, "Aufwand kalkulieren"): planned hours per week from posts,
 * interactions and monitoring, against the team's capacity. Pure; warnings are stable codes the
 * web app translates. Shared by server (responses) and web (the live preview in the form).
 */
export interface EffortLine {
  network: string;
  postsPerWeek: number;
  minutesPerPost: number;
  interactionsPerWeek: number;
  minutesPerInteraction: number;
}

export interface EffortInput {
  lines: readonly EffortLine[];
  monitoringHoursPerWeek: number;
  capacity: readonly { hoursPerWeek: number }[];
  budgetItems?: readonly { amountEur: number }[];
}

export type EffortWarning = 'over_capacity' | 'near_capacity' | 'no_capacity' | 'no_interaction_time';

export interface EffortResult {
  lines: { network: string; postingHours: number; interactionHours: number; totalHours: number }[];
  postingHours: number;
  interactionHours: number;
  monitoringHours: number;
  plannedHours: number;
  capacityHours: number;
  /** planned / capacity (1 = fully booked); null without capacity. */
  utilisation: number | null;
  overCapacity: boolean;
  budgetEur: number;
  warnings: EffortWarning[];
}

const r2 = (n: number) => Math.round(n * 100) / 100;
/** Above this share of capacity the plan leaves no room for sick days or a crisis. */
export const NEAR_CAPACITY = 0.9;

export function calculateEffort(input: EffortInput): EffortResult {
  const lines = input.lines.map((l) => {
    const postingHours = (l.postsPerWeek * l.minutesPerPost) / 60;
    const interactionHours = (l.interactionsPerWeek * l.minutesPerInteraction) / 60;
    return { network: l.network, postingHours: r2(postingHours), interactionHours: r2(interactionHours), totalHours: r2(postingHours + interactionHours) };
  });
  const postingHours = input.lines.reduce((s, l) => s + (l.postsPerWeek * l.minutesPerPost) / 60, 0);
  const interactionHours = input.lines.reduce((s, l) => s + (l.interactionsPerWeek * l.minutesPerInteraction) / 60, 0);
  const plannedHours = postingHours + interactionHours + input.monitoringHoursPerWeek;
  const capacityHours = input.capacity.reduce((s, c) => s + c.hoursPerWeek, 0);
  const utilisation = capacityHours > 0 ? plannedHours / capacityHours : null;
  const overCapacity = plannedHours > capacityHours;
  const warnings: EffortWarning[] = [];
  if (capacityHours === 0 && plannedHours > 0) warnings.push('no_capacity');
  else if (overCapacity) warnings.push('over_capacity');
  else if (utilisation !== null && utilisation > NEAR_CAPACITY) warnings.push('near_capacity');
  // Bitkom: the interaction effort is the part most often forgotten.
  if (input.lines.some((l) => l.postsPerWeek > 0) && interactionHours === 0) warnings.push('no_interaction_time');
  return {
    lines,
    postingHours: r2(postingHours),
    interactionHours: r2(interactionHours),
    monitoringHours: r2(input.monitoringHoursPerWeek),
    plannedHours: r2(plannedHours),
    capacityHours: r2(capacityHours),
    utilisation: utilisation === null ? null : r2(utilisation),
    overCapacity,
    budgetEur: r2((input.budgetItems ?? []).reduce((s, b) => s + b.amountEur, 0)),
    warnings,
  };
}
