/**
 * Background side of listening, started with one call from server/start.ts: the ingest pipeline,
 * the source supervisor (Jetstream, Mastodon, feeds) and the spike-alert runner (every minute).
 */
import type { AppContext } from '../../http/context.ts';
import { startAlertRunner } from './alerts/alert-runner.ts';
import { IngestPipeline } from './ingest/ingest-pipeline.ts';
import { LoadingAnalyzer, sharedAnalyzer } from './nlp/sentiment-analyzer.ts';
import { SourceSupervisor } from './sources/source-supervisor.ts';
import { matcherFor } from './workspace-matcher.ts';

/** Starts ingest workers and the alert runner; the returned function stops them cleanly (cursors saved). */
export function startListening(ctx: AppContext): () => Promise<void> {
  const analyzer = sharedAnalyzer(ctx.config);
  if (analyzer instanceof LoadingAnalyzer) {
    // Say at start whether the configured model works, not at the first mention.
    analyzer.ready().then(
      () => ctx.log.info({ model: ctx.config.RESONANZ_SENTIMENT_MODEL }, 'listening: ONNX sentiment model loaded'),
      (err) => ctx.log.error({ err }, 'listening: the configured sentiment model cannot be loaded; ingest waits and retries'),
    );
  }
  const pipeline = new IngestPipeline({
    database: ctx.database, analyzer, matcher: matcherFor(ctx.database), clock: ctx.clock, events: ctx.events,
    onError: (err) => ctx.log.error({ err }, 'listening ingest batch failed; retrying'),
  });
  pipeline.start();
  const supervisor = new SourceSupervisor(ctx, pipeline);
  supervisor.start();
  const stopAlerts = startAlertRunner(ctx);
  return async () => {
    stopAlerts();
    await supervisor.stop();
    await pipeline.stop();
    await supervisor.flush();
  };
}
