/**
 * Demo crisis preparation: the playbooks "Falschmeldung" (triggered by a spike of the organisation's
 * listening query) and "Shitstorm" (triggered by a rise of negative mentions), each with holding
 * statements in du/Sie/English approved through the demo approval chain (editor, then approver),
 * and a drill held ten days ago with its frozen report — computed by the same code as a live drill.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';
import { sha256 } from '../../crypto/secrets.ts';
import { DEMO_EMAIL } from '../../seed/demo-team.ts';
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { listeningQueries } from '../listening/listening.schema.ts';
import { createAnalyzer } from '../listening/nlp/sentiment-analyzer.ts';
import { crises, crisisContacts, crisisDrillItems, crisisEvents, crisisHoldingStatements, crisisPlaybooks, crisisPlaybookVersions, crisisStatementApprovals, crisisStatements, crisisTasks } from './crisis.schema.ts';
import { storeReport } from './crisis-report.ts';
import { drillScript } from './drill-script.ts';
import { holdingHash } from './holding-statement.service.ts';
import { playbookTemplate, type Scenario } from './playbook-templates.ts';

const MIN = 60_000;
const SENTIMENT = { negative: -1, neutral: 0, positive: 1 } as const;

export async function seedCrisisDemo({ tx, workspaceId, userIds }: DemoSeedContext): Promise<void> {
  const owner = userIds[DEMO_EMAIL]!;
  const cvd = userIds['cvd@resonanz.local']!;
  const editor = userIds['redaktion@resonanz.local']!;
  const approver = userIds['freigabe@resonanz.local']!;
  const community = userIds['community@resonanz.local']!;
  const strategist = userIds['strategie@resonanz.local']!;
  const [orgQuery] = await tx.select({ id: listeningQueries.id }).from(listeningQueries).where(and(eq(listeningQueries.workspaceId, workspaceId), eq(listeningQueries.name, 'Bundesamt für Beispielwesen')));
  const now = Date.now();
  const created = new Date(now - 20 * 86_400_000);

  const playbookIds: Record<string, string> = {};
  for (const scenario of ['false_report', 'shitstorm'] as Scenario[]) {
    const t = playbookTemplate(scenario, 'de');
    const content: PlaybookContent = {
      ...t.content,
      queryId: orgQuery?.id ?? null,
      levels: t.content.levels.map((l) => ({
        ...l,
        triggers: !orgQuery || l.level === 1 ? [] : scenario === 'false_report'
          ? [{ kind: 'listening_spike', queryId: orgQuery.id, alertKinds: ['volume', 'negative_share'], minScore: l.level === 3 ? 12 : 0 }]
          : [{ kind: 'listening_spike', queryId: orgQuery.id, alertKinds: ['negative_share'], minScore: l.level === 3 ? 12 : 0 }],
      })),
      team: [
        { label: 'Krisenleitung (CvD)', member: { kind: 'duty_editor' }, substituteUserId: owner, escalateAfterMinutes: 10 },
        { label: 'Leitung Kommunikation', member: { kind: 'user', userId: owner }, substituteUserId: strategist, escalateAfterMinutes: 15 },
        { label: 'Freigabe', member: { kind: 'user', userId: approver }, substituteUserId: null, escalateAfterMinutes: 15 },
        { label: 'Community-Management', member: { kind: 'user', userId: community }, substituteUserId: cvd, escalateAfterMinutes: 15 },
      ],
      tasks: t.content.tasks.map((task, i) => ({ ...task, owner: i % 3 === 2 ? { kind: 'user', userId: community } : task.owner })),
    };
    const [p] = await tx.insert(crisisPlaybooks).values({ workspaceId, scenario, name: t.name, content, createdBy: strategist, createdAt: created, updatedAt: created }).returning();
    await tx.insert(crisisPlaybookVersions).values({ playbookId: p!.id, version: 1, name: t.name, content, editedBy: strategist, createdAt: created });
    playbookIds[scenario] = p!.id;
    for (const [i, h] of t.holdingStatements.entries()) {
      // The shitstorm playbook's English statement is left in review: the demo shows the approval step.
      const approved = !(scenario === 'shitstorm' && h.language === 'en');
      const hash = holdingHash({ ...h, variants: {} });
      const [s] = await tx.insert(crisisHoldingStatements).values({
        workspaceId, playbookId: p!.id, title: h.title, language: h.language, register: h.register, text: h.text, contentHash: hash,
        status: approved ? 'approved' : 'in_review', approvedHash: approved ? hash : null, approvedAt: approved ? new Date(created.getTime() + (i + 2) * 3_600_000) : null,
        createdBy: strategist, createdAt: created, updatedAt: created,
      }).returning();
      await tx.insert(crisisStatementApprovals).values([
        { statementId: s!.id, userId: editor, stepIndex: 0, decision: 'approved', contentHash: hash, createdAt: new Date(created.getTime() + 3_600_000) },
        ...(approved ? [{ statementId: s!.id, userId: approver, stepIndex: 1, decision: 'approved', contentHash: hash, comment: 'Freigegeben für den Ernstfall.', createdAt: new Date(created.getTime() + (i + 2) * 3_600_000) }] : []),
      ]);
    }
  }
  await seedPastDrill(tx, workspaceId, playbookIds.shitstorm!, { cvd, owner, approver, community }, orgQuery?.id ?? null, now);
}

async function seedPastDrill(tx: DemoSeedContext['tx'], workspaceId: string, playbookId: string, who: { cvd: string; owner: string; approver: string; community: string }, queryId: string | null, now: number) {
  const start = new Date(now - 10 * 86_400_000 + 10 * 3_600_000);
  const end = new Date(start.getTime() + 45 * MIN);
  const [c] = await tx.insert(crises).values({
    workspaceId, playbookId, playbookVersion: 1, title: 'Übung: Shitstorm nach dem Interview', scenario: 'shitstorm', severity: 2, state: 'ended', drill: true, queryId,
    trigger: { kind: 'drill', durationMinutes: 30 }, proposedAt: start, confirmedAt: start, confirmedBy: who.cvd, endedAt: end, endedBy: who.cvd,
    endSummary: 'Holding Statement nach 12 Minuten entworfen. Die Bestätigung der Freigabe kam zu spät; Vertretung im Playbook ergänzen.', createdAt: start, updatedAt: end,
  }).returning();
  const analyzer = createAnalyzer();
  const items = drillScript('shitstorm', 30, 42);
  const rows = [];
  for (const [i, d] of items.entries()) {
    const s = await analyzer.analyze(d.text, 'de');
    const at = new Date(start.getTime() + d.offsetS * 1000);
    const handled = i % 3 === 0 ? new Date(at.getTime() + (4 + (i % 7)) * MIN) : null;
    rows.push({ crisisId: c!.id, workspaceId, kind: d.kind, network: d.network, author: d.author, text: d.text, sentiment: SENTIMENT[s.sentiment], sentimentScore: s.score, at, handledAt: handled && handled < end ? handled : null, handledBy: handled ? who.community : null });
  }
  if (rows.length) await tx.insert(crisisDrillItems).values(rows);
  const contacts = [
    { label: 'Krisenleitung (CvD)', userId: who.cvd, ack: 3 },
    { label: 'Leitung Kommunikation', userId: who.owner, ack: 8 },
    { label: 'Freigabe', userId: who.approver, ack: 24 },
    { label: 'Community-Management', userId: who.community, ack: 5 },
  ];
  await tx.insert(crisisContacts).values(contacts.map((k, i) => ({
    crisisId: c!.id, workspaceId, position: i, label: k.label, userId: k.userId, notifiedAt: start, escalateAt: new Date(start.getTime() + 15 * MIN),
    escalatedAt: k.ack > 15 ? new Date(start.getTime() + 15 * MIN) : null, acknowledgedAt: new Date(start.getTime() + k.ack * MIN), ackTokenHash: sha256(randomBytes(32).toString('hex')),
    deliveries: [{ channel: 'in_app', ok: true }, { channel: 'email', ok: true }],
  })));
  const t = playbookTemplate('shitstorm', 'de').content.tasks;
  const done = [10, 22, 50, null, 40];
  await tx.insert(crisisTasks).values(t.map((task, i) => ({
    crisisId: c!.id, workspaceId, position: i, title: task.title, ownerId: i % 3 === 2 ? who.community : who.cvd, dueAt: new Date(start.getTime() + task.dueMinutes * MIN),
    doneAt: done[i] != null ? new Date(start.getTime() + done[i]! * MIN) : null, doneBy: done[i] != null ? who.cvd : null,
  })));
  await tx.insert(crisisStatements).values({
    crisisId: c!.id, workspaceId, text: playbookTemplate('shitstorm', 'de').holdingStatements[0]!.text, language: 'de', preApproved: true, createdBy: who.cvd, createdAt: new Date(start.getTime() + 12 * MIN),
  });
  const ev = (m: number, kind: string, summary: string, actorId: string | null, reason: string | null = null) => ({ crisisId: c!.id, workspaceId, at: new Date(start.getTime() + m * MIN), kind, actorId, summary, reason, data: {} });
  await tx.insert(crisisEvents).values([
    ev(0, 'activated', 'Übung gestartet (30 Minuten)', who.cvd),
    ev(0, 'called', 'Krisenleitung (CvD)', null), ev(3, 'acknowledged', 'Krisenleitung (CvD)', who.cvd),
    ev(6, 'decision', 'Stufe 2: Welle negativer Reaktionen', who.cvd, 'Volumen verdreifacht, überwiegend negativ'),
    ev(12, 'statement_drafted', 'Holding Statement (Sie) ausgewählt', who.cvd),
    ev(15, 'escalated', 'Freigabe: keine Bestätigung', null),
    ev(24, 'acknowledged', 'Freigabe', who.approver),
    ev(45, 'decision', 'Übung beendet', who.cvd, 'Ziele der Übung erreicht; Nachbesprechung am Freitag'),
    ev(45, 'ended', 'Übung beendet', who.cvd),
  ]);
  await storeReport(tx, c!, end);
}
