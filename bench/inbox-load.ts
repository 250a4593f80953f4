/**
 * Bulk load of the inbox benchmark: BENCH_ITEMS items over half a year (~3 % open with SLA due
 * dates, the rest done or spam), 50,000 authors, generated in SQL; secondary indexes are dropped
 * for the load and rebuilt after it, then the tables are analysed.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export const VOCAB_A = ['Wann', 'Wie', 'Warum', 'Können Sie', 'Ich habe eine Frage:', 'Danke!', 'Leider', 'Super,', 'Hallo,', 'Seit Tagen', 'Ist es normal, dass', 'Bitte helfen Sie:'];
export const VOCAB_B = ['mein Antrag', 'das Bürgeramt', 'der Termin', 'das Beispielgeld', 'die Hotline', 'das Portal', 'der Bescheid', 'die Wartezeit', 'der Reisepass', 'die Broschüre', 'das Formular', 'die Auszahlung', 'der Online-Antrag', 'die Beratung', 'die Ummeldung', 'das Kindergeld', 'der Widerspruch', 'die Öffnungszeit', 'die Bearbeitung', 'das Schreiben'];
export const VOCAB_C = ['dauert sehr lange', 'funktioniert nicht', 'ist toll gelöst', 'ist unverständlich', 'wurde abgelehnt', 'kommt nicht an', 'hat mir geholfen', 'ist schon wieder kaputt', 'ist freundlich', 'fehlt noch', 'ist unklar', 'war schnell erledigt'];
/** A deterministic, valid version-4 UUID from a key (md5 with the version and variant nibbles set). */
const uuidOf = (expr: string) => `(substr(md5(${expr}), 1, 12) || '4' || substr(md5(${expr}), 14, 3) || '8' || substr(md5(${expr}), 18, 15))::uuid`;
const sqlArray = (a: string[]) => `ARRAY[${a.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;


const DAYS = 180;

export async function loadItems(pool: pg.Pool, ws: string, ch1: string, ch2: string, assignee: string, items: number, end: Date): Promise<void> {
  const t0 = performance.now();
  const load = await pool.connect();
  await load.query('SET session_replication_role = replica');
  await load.query(`INSERT INTO inbox_authors (id, workspace_id, network, external_id, handle, display_name, follower_count)
    SELECT ${uuidOf("'author' || g")}, $1, 'bluesky', 'did:plc:bench' || g, '@user' || g || '.bsky.social', 'Nutzer ' || g, (g * 37) % 5000 FROM generate_series(1, 50000) g`, [ws]);
  const secondaryIndexes = (await pool.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'inbox_items' AND indexname NOT IN ('inbox_items_pkey', 'inbox_items_dedupe_uq')`)).rows as { indexname: string; indexdef: string }[];
  for (const i of secondaryIndexes) await load.query(`DROP INDEX ${i.indexname}`);
  const step = (DAYS * 86_400) / items;
  await load.query(`INSERT INTO inbox_items (workspace_id, source_kind, channel_id, network, external_id, dedupe_key, kind, text, language, sentiment, sentiment_score, author_id,
      conversation_key, status, assignee_id, priority, tags, received_at, ingested_at, first_response_at, resolved_at, sla_first_due_at, sla_resolve_due_at, sla_first_warn_at, sla_resolve_warn_at, updated_at)
    SELECT $1, 'network', CASE WHEN g % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 'bluesky', 'at://did:plc:bench/app.bsky.feed.post/' || g, 'bluesky:at://did:plc:bench/app.bsky.feed.post/' || g,
      (ARRAY['comment','reply','mention','quote','dm'])[1 + g % 5],
      (${sqlArray(VOCAB_A)})[1 + g % ${VOCAB_A.length}] || ' ' || (${sqlArray(VOCAB_B)})[1 + (g / 7) % ${VOCAB_B.length}] || ' ' || (${sqlArray(VOCAB_C)})[1 + (g / 3) % ${VOCAB_C.length}] || ' #' || (g % 997),
      CASE WHEN g % 6 = 0 THEN 'en' ELSE 'de' END, (g % 3) - 1, 0, ${uuidOf("'author' || (1 + g % 50000)")},
      'conv' || (g / 4), s.status, CASE WHEN s.status IN ('assigned', 'waiting') THEN $4::uuid END,
      (ARRAY['normal','normal','normal','high','low','urgent'])[1 + g % 6], CASE WHEN g % 11 = 0 THEN ARRAY['antrag'] ELSE '{}'::text[] END,
      r.at, r.at, CASE WHEN s.status IN ('waiting', 'done') THEN r.at + make_interval(mins => (g % 180)) END,
      CASE WHEN s.status IN ('done', 'spam') THEN r.at + make_interval(mins => 200 + g % 900) END,
      r.at + interval '60 minutes', r.at + interval '1200 minutes', r.at + interval '48 minutes', r.at + interval '960 minutes', r.at
    FROM generate_series(1, $5::int) g
    CROSS JOIN LATERAL (SELECT $6::timestamptz - make_interval(secs => g * $7::float8) AS at) r
    CROSS JOIN LATERAL (SELECT CASE WHEN g % 33 = 0 THEN (ARRAY['new','assigned','waiting'])[1 + (g / 33) % 3] WHEN g % 97 = 0 THEN 'spam' ELSE 'done' END AS status) s`,
  [ws, ch1, ch2, assignee, items, end, step]);
  await load.query('RESET session_replication_role');
  load.release();
  const tLoad = performance.now();
  for (const i of secondaryIndexes) await pool.query(i.indexdef);
  await pool.query('ANALYZE inbox_items; ANALYZE inbox_authors');
  console.log(`loaded ${items} items in ${((tLoad - t0) / 1000).toFixed(1)} s, indexes in ${((performance.now() - tLoad) / 1000).toFixed(1)} s`);
}
