/** Fixtures shared by the crisis integration tests and the benchmark: a crisis team, a playbook, approved holding statements. */
import type { Role } from '../../../common/permissions.ts';
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';
import type { Database } from '../../db/client.ts';
import type { Secrets } from '../../crypto/secrets.ts';
import type { App } from '../../http/app.ts';
import { loggedIn, type TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { channels } from '../publishing/publishing.schema.ts';

export interface CrisisTeam {
  workspaceId: string;
  ids: Record<'owner' | 'cvd' | 'approver' | 'editor' | 'strategist' | 'employee' | 'analyst', string>;
  as: Record<'owner' | 'cvd' | 'approver' | 'editor' | 'strategist' | 'employee' | 'analyst', TestClient>;
}

export async function buildCrisisTeam(app: App, database: Database): Promise<CrisisTeam> {
  const { workspace, owner } = await buildWorkspace(database);
  const roles: [keyof CrisisTeam['ids'], Role[]][] = [['cvd', ['duty_editor']], ['approver', ['approver']], ['editor', ['editor']], ['strategist', ['strategist']], ['employee', ['employee']], ['analyst', ['analyst']]];
  const ids = { owner: owner.id } as CrisisTeam['ids'];
  const as = { owner: await loggedIn(app, owner.email) } as CrisisTeam['as'];
  for (const [key, r] of roles) {
    const u = await buildMember(database, workspace.id, r);
    ids[key] = u.id;
    as[key] = await loggedIn(app, u.email);
  }
  return { workspaceId: workspace.id, ids, as };
}

export function playbookContent(team: CrisisTeam, over: Partial<PlaybookContent> = {}): PlaybookContent {
  return {
    description: 'Test',
    levels: [{ level: 1, name: 'Beobachten', description: '', triggers: [] }, { level: 2, name: 'Krise', description: '', triggers: [] }],
    team: [
      { label: 'Krisenleitung', member: { kind: 'duty_editor' }, substituteUserId: team.ids.owner, escalateAfterMinutes: 10 },
      { label: 'Freigabe', member: { kind: 'user', userId: team.ids.approver }, substituteUserId: null, escalateAfterMinutes: 15 },
    ],
    tasks: [
      { title: 'Lage einschätzen', owner: { kind: 'duty_editor' }, dueMinutes: 15 },
      { title: 'Statement veröffentlichen', owner: { kind: 'user', userId: team.ids.editor }, dueMinutes: 30 },
    ],
    faq: [{ question: 'Stimmt das?', answer: 'Nein.', language: 'de' }],
    queryId: null,
    crisisChain: null,
    sla: { firstResponseMinutes: 15, resolutionMinutes: 120 },
    ...over,
  };
}

/** A playbook with one holding statement approved through the default chain (editor, then approver). */
export async function preparedPlaybook(team: CrisisTeam, over: Partial<PlaybookContent> = {}, text = 'Wir prüfen die Meldung und informieren Sie hier in Kürze.') {
  const base = `/api/v1/workspaces/${team.workspaceId}/crisis`;
  const p = await team.as.strategist.post(`${base}/playbooks`, { scenario: 'false_report', name: 'Falschmeldung', content: playbookContent(team, over) });
  if (p.status !== 201) throw new Error(`playbook: ${p.status} ${p.text}`);
  const h = await team.as.strategist.post(`${base}/playbooks/${p.body.id}/holding-statements`, { title: 'Erste Reaktion', language: 'de', register: 'sie', text });
  if (h.status !== 201) throw new Error(`holding: ${h.status} ${h.text}`);
  const hb = `${base}/playbooks/${p.body.id}/holding-statements/${h.body.id}`;
  for (const [c, body] of [[team.as.strategist, undefined], [team.as.editor, { decision: 'approved' }], [team.as.approver, { decision: 'approved' }]] as const) {
    const r = body ? await c.post(`${hb}/decision`, body) : await c.post(`${hb}/submit`);
    if (r.status !== 200) throw new Error(`approval: ${r.status} ${r.text}`);
  }
  return { playbookId: p.body.id as string, holdingId: h.body.id as string, holdingPath: hb };
}

export async function connectedChannel(database: Database, secrets: Secrets, workspaceId: string, network = 'bluesky', maxConcurrency = 4) {
  const [ch] = await database.db.insert(channels).values({ workspaceId, network, name: `${network} test`, status: 'connected', credentialsSealed: secrets.seal(JSON.stringify({ x: 1 })), maxConcurrency }).returning();
  return ch!;
}
