/**
 * The strategy document in German or English — what a press office sends to its leadership.
 * Pure: the loaded strategy becomes a list of blocks (headings, paragraphs, lists, tables,
 * progress bars), which `renderMarkdown` turns into Markdown and the reporting module into PDF
 * and DOCX, so all three formats say the same.
 */
import { KPI_CATALOGUE, type KpiKey } from '../../../common/kpi-catalogue.ts';
import type { EffortResult } from './effort-calculator.ts';
import type { GoalProgress } from './goal-progress.ts';

type Lang = 'de' | 'en';

export interface StrategySnapshot {
  workspaceName: string;
  today: string;
  people: Record<string, string>;
  challenges: { title: string; description: string; ownerId: string | null; measures: string[]; progress: number; state: string }[];
  metaGoals: { id: string; title: string; description: string }[];
  goals: { metaGoalId: string; title: string; metric: string; channels: string[]; baseline: number; targetValue: number; deadline: string; ownerId: string | null; progress: GoalProgress }[];
  targetGroups: { id: string; name: string; description: string; needs: string[]; interests: string[]; priority: number; platforms: string[]; tone: string; language: string }[];
  platforms: { network: string; purpose: string; targetGroupIds: string[]; postsPerWeek: number | null; responseTimeMinutes: number | null; tone: string; visualIdentity: string; ownerId: string | null; deputyId: string | null }[];
  topics: { kind: string; name: string; description: string; goalIds: string[]; targetGroupIds: string[] }[];
  goalTitles: Record<string, string>;
  effortPlans: { name: string; result: EffortResult }[];
  phases: { name: string; isPilot: boolean; startDate: string | null; endDate: string | null; entryCriteria: string[]; exitCriteria: string[]; memberIds: string[]; channels: string[] }[];
}

const L = {
  de: {
    title: 'Social-Media-Strategie', asOf: 'Stand', challenges: 'Herausforderungen', goals: 'Ziele', targetGroups: 'Zielgruppen',
    platforms: 'Plattformstrategie', content: 'Themen und Formate', effort: 'Aufwand und Ressourcen', rollout: 'Einführung in Phasen',
    owner: 'Verantwortlich', deputy: 'Vertretung', measures: 'Maßnahmen', progress: 'Fortschritt', metric: 'Kennzahl', baseline: 'Ausgangswert',
    target: 'Zielwert', deadline: 'Frist', channels: 'Kanäle', all: 'alle', needs: 'Bedürfnisse', interests: 'Interessen', priority: 'Priorität',
    tone: 'Ansprache', language: 'Sprache', purpose: 'Zweck', perWeek: 'Beiträge pro Woche', response: 'Reaktionszeit (Minuten)', visual: 'Visuelle Identität',
    linkedGoals: 'Ziele', linkedGroups: 'Zielgruppen', pillar: 'Themensäule', format: 'Format', planned: 'Geplant', capacity: 'Kapazität',
    hoursWeek: 'h/Woche', budget: 'Budget', overCapacity: 'Achtung: Der Plan übersteigt die Kapazität.', pilot: 'Pilotphase', period: 'Zeitraum',
    entry: 'Eintrittskriterien', exit: 'Abschlusskriterien', members: 'Mitglieder', none: '—', noneYet: 'Noch nicht festgelegt.', forecast: 'Prognose',
    states: { on_track: 'im Plan', at_risk: 'gefährdet', off_track: 'nicht im Plan', insufficient_data: 'zu wenige Daten' },
    challengeStates: { not_started: 'nicht begonnen', in_progress: 'in Arbeit', blocked: 'blockiert', done: 'erledigt' },
    footer: 'Erstellt mit Resonanz',
  },
  en: {
    title: 'Social media strategy', asOf: 'As of', challenges: 'Challenges', goals: 'Goals', targetGroups: 'Target groups',
    platforms: 'Platform strategy', content: 'Topics and formats', effort: 'Effort and resources', rollout: 'Phased roll-out',
    owner: 'Owner', deputy: 'Substitute', measures: 'Measures', progress: 'Progress', metric: 'Metric', baseline: 'Baseline',
    target: 'Target', deadline: 'Deadline', channels: 'Channels', all: 'all', needs: 'Needs', interests: 'Interests', priority: 'Priority',
    tone: 'Tone', language: 'Language', purpose: 'Purpose', perWeek: 'Posts per week', response: 'Response time (minutes)', visual: 'Visual identity',
    linkedGoals: 'Goals', linkedGroups: 'Target groups', pillar: 'Content pillar', format: 'Format', planned: 'Planned', capacity: 'Capacity',
    hoursWeek: 'h/week', budget: 'Budget', overCapacity: 'Warning: the plan exceeds the capacity.', pilot: 'Pilot phase', period: 'Period',
    entry: 'Entry criteria', exit: 'Exit criteria', members: 'Members', none: '—', noneYet: 'Not defined yet.', forecast: 'Forecast',
    states: { on_track: 'on track', at_risk: 'at risk', off_track: 'off track', insufficient_data: 'not enough data' },
    challengeStates: { not_started: 'not started', in_progress: 'in progress', blocked: 'blocked', done: 'done' },
    footer: 'Created with Resonanz',
  },
} as const;

/** A piece of inline text; Markdown shows `bold` as **…** and `italic` as _…_. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  | { kind: 'h1' | 'h2' | 'h3'; text: string }
  | { kind: 'p'; runs: Run[] }
  | { kind: 'bullets'; items: Run[][] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  /** A status bar (0–100) with its caption; Markdown draws it with block characters. */
  | { kind: 'progress'; label: string; value: number; caption: string }
  | { kind: 'warning'; text: string }
  | { kind: 'rule' };

export interface StrategyDocument {
  title: string;
  lang: Lang;
  blocks: Block[];
}

const plain = (text: string): Run[] => [{ text }];

export function strategyBlocks(s: StrategySnapshot, lang: Lang): StrategyDocument {
  const t = L[lang];
  const num = (n: number) => n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
  const person = (id: string | null) => (id && s.people[id]) || t.none;
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : t.none);
  const groupNames = (ids: string[]) => list(ids.map((id) => s.targetGroups.find((g) => g.id === id)?.name).filter((x): x is string => Boolean(x)));
  const title = `${t.title} – ${s.workspaceName}`;
  const out: Block[] = [{ kind: 'h1', text: title }, { kind: 'p', runs: plain(`${t.asOf}: ${s.today}`) }];
  const section = (name: string, empty: boolean, body: () => void) => {
    out.push({ kind: 'h2', text: name });
    if (empty) out.push({ kind: 'p', runs: plain(t.noneYet) });
    else body();
  };

  section(t.challenges, !s.challenges.length, () => {
    for (const c of s.challenges) {
      out.push({ kind: 'h3', text: c.title });
      out.push({ kind: 'progress', label: t.progress, value: c.progress, caption: `(${t.challengeStates[c.state as keyof typeof t.challengeStates] ?? c.state}) · ${t.owner}: ${person(c.ownerId)}` });
      if (c.description) out.push({ kind: 'p', runs: plain(c.description) });
      if (c.measures.length) out.push({ kind: 'p', runs: [{ text: `${t.measures}:`, bold: true }] }, { kind: 'bullets', items: c.measures.map(plain) });
    }
  });

  section(t.goals, !s.metaGoals.length, () => {
    for (const m of s.metaGoals) {
      out.push({ kind: 'h3', text: m.title });
      if (m.description) out.push({ kind: 'p', runs: plain(m.description) });
      const own = s.goals.filter((g) => g.metaGoalId === m.id);
      if (!own.length) continue;
      out.push({
        kind: 'table',
        header: [t.goals, t.metric, t.baseline, t.target, t.deadline, t.channels, t.owner, t.progress, t.forecast],
        rows: own.map((g) => [
          g.title, KPI_CATALOGUE[g.metric as KpiKey]?.[lang].name ?? g.metric, num(g.baseline), num(g.targetValue), g.deadline,
          g.channels.length ? g.channels.join(', ') : t.all, person(g.ownerId), g.progress.progress === null ? t.none : `${num(g.progress.progress)} %`, t.states[g.progress.forecast],
        ]),
      });
    }
  });

  section(t.targetGroups, !s.targetGroups.length, () => {
    for (const g of s.targetGroups) {
      out.push({ kind: 'h3', text: `${g.priority}. ${g.name}` });
      if (g.description) out.push({ kind: 'p', runs: plain(g.description) });
      out.push({ kind: 'bullets', items: [`${t.needs}: ${list(g.needs)}`, `${t.interests}: ${list(g.interests)}`, `${t.platforms}: ${list(g.platforms)}`, `${t.tone}: ${g.tone} · ${t.language}: ${g.language}`].map(plain) });
    }
  });

  section(t.platforms, !s.platforms.length, () => {
    for (const p of s.platforms) {
      out.push({ kind: 'h3', text: p.network });
      if (p.purpose) out.push({ kind: 'p', runs: plain(`${t.purpose}: ${p.purpose}`) });
      const items = [
        `${t.linkedGroups}: ${groupNames(p.targetGroupIds)}`,
        `${t.perWeek}: ${p.postsPerWeek ?? t.none}`,
        `${t.response}: ${p.responseTimeMinutes ?? t.none}`,
        `${t.tone}: ${p.tone || t.none}`,
        `${t.owner}: ${person(p.ownerId)} · ${t.deputy}: ${person(p.deputyId)}`,
      ];
      if (p.visualIdentity) items.push(`${t.visual}: ${oneLine(p.visualIdentity)}`);
      out.push({ kind: 'bullets', items: items.map(plain) });
    }
  });

  section(t.content, !s.topics.length, () => {
    out.push({
      kind: 'bullets',
      items: s.topics.map((x) => [
        { text: x.name, bold: true },
        { text: ` (${x.kind === 'format' ? t.format : t.pillar})${x.description ? `: ${oneLine(x.description)}` : ''} — ${t.linkedGoals}: ${list(x.goalIds.map((id) => s.goalTitles[id] ?? '').filter(Boolean))}; ${t.linkedGroups}: ${groupNames(x.targetGroupIds)}` },
      ]),
    });
  });

  section(t.effort, !s.effortPlans.length, () => {
    for (const p of s.effortPlans) {
      const r = p.result;
      out.push({ kind: 'h3', text: p.name }, { kind: 'p', runs: plain(`${t.planned}: ${num(r.plannedHours)} ${t.hoursWeek} · ${t.capacity}: ${num(r.capacityHours)} ${t.hoursWeek}${r.budgetEur ? ` · ${t.budget}: ${num(r.budgetEur)} €` : ''}`) });
      if (r.overCapacity) out.push({ kind: 'warning', text: t.overCapacity });
    }
  });

  section(t.rollout, !s.phases.length, () => {
    for (const p of s.phases) {
      out.push({ kind: 'h3', text: `${p.name}${p.isPilot ? ` (${t.pilot})` : ''}` }, {
        kind: 'bullets',
        items: [`${t.period}: ${p.startDate ?? t.none} – ${p.endDate ?? t.none}`, `${t.entry}: ${list(p.entryCriteria)}`, `${t.exit}: ${list(p.exitCriteria)}`,
          `${t.members}: ${list(p.memberIds.map((id) => s.people[id] ?? '').filter(Boolean))}`, `${t.channels}: ${list(p.channels)}`].map(plain),
      });
    }
  });

  out.push({ kind: 'rule' }, { kind: 'p', runs: [{ text: `${t.footer}, ${s.today}.`, italic: true }] });
  return { title, lang, blocks: out };
}

/** No line breaks (table cells, list items). */
const oneLine = (s: string) => s.replace(/\r?\n/g, ' ');
/** Markdown-safe table cell: one line, pipes escaped. */
const cell = (s: string) => oneLine(s).replace(/\|/g, '\\|');
const bar = (pct: number) => `${'█'.repeat(Math.round(pct / 10))}${'░'.repeat(10 - Math.round(pct / 10))} ${pct} %`;
const runs = (rs: Run[]) => rs.map((r) => (r.bold ? `**${r.text}**` : r.italic ? `_${r.text}_` : r.text)).join('');

export function renderMarkdown(doc: StrategyDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'h1': out.push(`# ${b.text}`); break;
      case 'h2': out.push(`## ${b.text}`); break;
      case 'h3': out.push(`### ${b.text}`); break;
      case 'p': out.push(runs(b.runs)); break;
      case 'bullets': out.push(...b.items.map((i) => `- ${runs(i)}`)); break;
      case 'table':
        out.push(`| ${b.header.join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`));
        break;
      case 'progress': out.push(`${b.label}: ${bar(b.value)} ${b.caption}`); break;
      case 'warning': out.push(`> ${b.text}`); break;
      case 'rule': out.push('---'); break;
    }
    out.push('');
  }
  return out.join('\n');
}

export function renderStrategyDocument(s: StrategySnapshot, lang: Lang): { title: string; markdown: string } {
  const doc = strategyBlocks(s, lang);
  return { title: doc.title, markdown: renderMarkdown(doc) };
}
