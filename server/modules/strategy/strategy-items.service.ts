/**
 * Commands on strategy items, the same for every kind: each change bumps `version`, stores a
 * snapshot in `strategy_versions` and writes its audit row, all in one transaction.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';
import { notFound, unprocessable, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { ARRAY_REFERENCES, ITEM_KINDS, type ItemKind, type Row } from './strategy-kinds.ts';
import { checkRefs } from './strategy-refs.ts';
import { strategyComments, strategyVersions } from './strategy.schema.ts';
import { wellFormed } from './well-formed.ts';
import { workspaceToday } from './workspace-day.ts';

const META = new Set(['id', 'workspaceId', 'version', 'createdBy', 'createdAt', 'updatedAt']);

/** The item's own fields (what a version stores and the audit diff compares). */
function fieldsOf(row: Row): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !META.has(k)));
}

/** Row → API shape: timestamps as ISO strings (the response schema drops internal columns). */
function serialise(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as Row;
}

export async function presentItems(tx: Tx, kind: ItemKind, workspaceId: string, rows: Row[], now: Date): Promise<Row[]> {
  const plain = rows.map(serialise);
  if (!kind.present) return plain;
  return kind.present(plain, { tx, workspaceId, today: await workspaceToday(tx, workspaceId, now) });
}

export async function listItems(tx: Tx, kind: ItemKind, workspaceId: string): Promise<Row[]> {
  return (await tx.select().from(kind.table).where(eq(kind.table.workspaceId, workspaceId)).orderBy(...kind.orderBy(kind.table))) as Row[];
}

export async function getItem(tx: Tx, kind: ItemKind, workspaceId: string, id: string, lock = false): Promise<Row> {
  const q = tx.select().from(kind.table).where(and(eq(kind.table.id, id), eq(kind.table.workspaceId, workspaceId)));
  const [row] = (lock ? await q.for('update') : await q) as Row[];
  if (!row) throw notFound(kind.object.replace('_', ' '));
  return row;
}

/**
 * Field rules (SMART, date order) are a 400 `validation_failed`; ids that do not resolve in this
 * workspace are a 422 `unknown_reference` — the request is well-formed, what it points at is not there.
 */
async function validate(tx: Tx, kind: ItemKind, workspaceId: string, merged: Row, body: Record<string, unknown>, today: string): Promise<void> {
  const errors = kind.validate?.(merged, new Set(Object.keys(body)), { tx, workspaceId, today }) ?? [];
  if (errors.length) throw validationFailed(errors);
  const refs = await checkRefs(tx, workspaceId, body, kind.refs);
  if (refs.length) throw unprocessable('unknown_reference', 'The request refers to something that does not exist in this workspace.', refs);
}

async function storeVersion(tx: Tx, kind: ItemKind, workspaceId: string, row: Row, actor: Actor, now: Date): Promise<void> {
  await tx.insert(strategyVersions).values({
    workspaceId, itemType: kind.type, itemId: row.id, version: row.version, snapshot: serialise(fieldsOf(row) as Row), actorUserId: actor.userId, createdAt: now,
  });
}

export async function createItem(tx: Tx, clock: Clock, actor: Actor, kind: ItemKind, workspaceId: string, input: Record<string, unknown>): Promise<Row> {
  const body = wellFormed(input);
  const now = clock.now();
  const today = await workspaceToday(tx, workspaceId, now);
  const values = { ...(kind.defaults?.({ tx, workspaceId, today }) ?? {}), ...body };
  await validate(tx, kind, workspaceId, values as Row, body, today);
  const [row] = (await tx.insert(kind.table).values({ ...values, workspaceId, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning()) as Row[];
  await storeVersion(tx, kind, workspaceId, row!, actor, now);
  await recordAudit(tx, actor, { workspaceId, action: `strategy.${kind.object}.created`, objectType: kind.object, objectId: row!.id, after: fieldsOf(row!) }, now);
  return row!;
}

export async function updateItem(tx: Tx, clock: Clock, actor: Actor, kind: ItemKind, workspaceId: string, id: string, input: Record<string, unknown>): Promise<Row> {
  const patch = Object.fromEntries(Object.entries(wellFormed(input)).filter(([, v]) => v !== undefined));
  const before = await getItem(tx, kind, workspaceId, id, true);
  const now = clock.now();
  const today = await workspaceToday(tx, workspaceId, now);
  await validate(tx, kind, workspaceId, { ...before, ...patch } as Row, patch, today);
  const [row] = (await tx.update(kind.table).set({ ...patch, version: sql`${kind.table.version} + 1`, updatedAt: now })
    .where(and(eq(kind.table.id, id), eq(kind.table.workspaceId, workspaceId))).returning()) as Row[];
  await storeVersion(tx, kind, workspaceId, row!, actor, now);
  await recordAudit(tx, actor, { workspaceId, action: `strategy.${kind.object}.updated`, objectType: kind.object, objectId: id, before: fieldsOf(before), after: fieldsOf(row!) }, now);
  return row!;
}

export async function deleteItem(tx: Tx, clock: Clock, actor: Actor, kind: ItemKind, workspaceId: string, id: string): Promise<void> {
  const before = await getItem(tx, kind, workspaceId, id, true);
  for (const ref of ARRAY_REFERENCES[kind.type] ?? []) {
    await tx.execute(sql`UPDATE ${ref.table} SET ${sql.identifier(ref.column)} = array_remove(${sql.identifier(ref.column)}, ${id}::uuid) WHERE workspace_id = ${workspaceId}`);
  }
  await tx.delete(kind.table).where(and(eq(kind.table.id, id), eq(kind.table.workspaceId, workspaceId)));
  await tx.delete(strategyComments).where(and(eq(strategyComments.workspaceId, workspaceId), eq(strategyComments.itemId, id)));
  await recordAudit(tx, actor, { workspaceId, action: `strategy.${kind.object}.deleted`, objectType: kind.object, objectId: id, before: fieldsOf(before) }, clock.now());
}

/**
 * The kind of an existing item, found through its version rows (every item has version 1; the
 * versions of a deleted item stay as history but the item itself answers 404).
 */
export async function itemTypeOf(tx: Tx, workspaceId: string, itemId: string): Promise<string> {
  const [v] = await tx.select({ itemType: strategyVersions.itemType }).from(strategyVersions)
    .where(and(eq(strategyVersions.workspaceId, workspaceId), eq(strategyVersions.itemId, itemId))).limit(1);
  const kind = v && ITEM_KINDS.find((k) => k.type === v.itemType);
  if (!kind) throw notFound('strategy item');
  await getItem(tx, kind, workspaceId, itemId);
  return kind.type;
}

export async function listVersions(tx: Tx, workspaceId: string, itemId: string) {
  await itemTypeOf(tx, workspaceId, itemId);
  const rows = await tx.select().from(strategyVersions)
    .where(and(eq(strategyVersions.workspaceId, workspaceId), eq(strategyVersions.itemId, itemId))).orderBy(desc(strategyVersions.version));
  return rows.map((v) => ({ version: v.version, snapshot: v.snapshot, actorUserId: v.actorUserId, createdAt: v.createdAt.toISOString() }));
}

export async function listComments(tx: Tx, workspaceId: string, itemId: string) {
  await itemTypeOf(tx, workspaceId, itemId);
  const rows = await tx.select({ id: strategyComments.id, authorId: strategyComments.authorId, authorName: users.name, body: strategyComments.body, createdAt: strategyComments.createdAt })
    .from(strategyComments).leftJoin(users, eq(users.id, strategyComments.authorId))
    .where(and(eq(strategyComments.workspaceId, workspaceId), eq(strategyComments.itemId, itemId))).orderBy(asc(strategyComments.createdAt), asc(strategyComments.id));
  return rows.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }));
}

export async function addComment(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, itemId: string, body: string) {
  const itemType = await itemTypeOf(tx, workspaceId, itemId);
  const now = clock.now();
  const [c] = await tx.insert(strategyComments).values({ workspaceId, itemType, itemId, authorId: actor.userId, body: wellFormed(body), createdAt: now }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'strategy.comment.created', objectType: 'strategy_comment', objectId: c!.id, after: { itemType, itemId } }, now);
  const [u] = actor.userId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)) : [];
  return { id: c!.id, authorId: c!.authorId, authorName: u?.name ?? null, body: c!.body, createdAt: c!.createdAt.toISOString() };
}
