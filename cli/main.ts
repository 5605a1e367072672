// `breach`: the responder's command line over the service's HTTP API. BREACH_URL and BREACH_API_KEY
// come from the environment or from --url and --key; --json prints the API's answers for scripts.
import { Command, CommanderError, Option } from 'commander';
import { BreachClient } from './client.js';
import * as run from './commands.js';
import { CliError, EXIT } from './errors.js';
import { ServiceAddressError, serviceUrl } from './service-address.js';

interface GlobalOptions {
  url?: string;
  key?: string;
  json?: boolean;
}

type Client = () => BreachClient;
type Out = () => { json: boolean };

/** Commands that open, fill and decide an incident. */
function decisionCommands(cli: Command, client: Client, out: Out): void {
  cli
    .command('open')
    .description('open an incident from a JSON file of its facts')
    .requiredOption('--file <file>', 'the incident as JSON (see examples/incident.json)')
    .action((o: { file: string }) => run.openIncident(client(), o.file, out()));
  cli
    .command('import <id> <file>')
    .description('upload the affected people (.csv, .ndjson or .jsonl)')
    .action((id: string, file: string) => run.importPeople(client(), id, file, out()));
  cli
    .command('approve <id>')
    .description('approve the notices (approver key)')
    .option('--note <note>', 'a note for the audit log')
    .option(
      '--preview-hash <hash>',
      'the previewHash `breach preview` printed: refused if the people changed since',
    )
    .action((id: string, o: { note?: string; previewHash?: string }) => run.approve(client(), id, o, out()));
  cli
    .command('cancel <id>')
    .description('cancel the incident (a false alarm)')
    .requiredOption('--reason <reason>', 'why, for the audit log')
    .action((id: string, o: { reason: string }) => run.cancel(client(), id, o.reason, out()));
  cli
    .command('close <id>')
    .description('close the incident')
    .option('--reason <reason>', 'why, for the audit log')
    .option('--acknowledge-open-obligations', 'close although obligations are still open (needs --reason)')
    .action((id: string, o: { reason?: string; acknowledgeOpenObligations?: boolean }) =>
      run.close(client(), id, o, out()),
    );
  cli
    .command('judge <id> <kind> <value>')
    .description('record a judgement (risk, high_risk, …) as true or false (approver key)')
    .requiredOption('--reason <reason>', 'the reasoning, for the record')
    .option('--regime <regime>', 'only for this regime')
    .option('--effective-at <time>', 'the moment it refers to (ISO 8601)')
    .action(
      (
        id: string,
        kind: string,
        value: string,
        o: { reason: string; regime?: string; effectiveAt?: string },
      ) => run.judge(client(), id, kind, value, o, out()),
    );
  cli
    .command('update <id>')
    .description('send a supplemental notice with new facts from a JSON file')
    .requiredOption('--file <file>', 'the changed facts as JSON')
    .action((id: string, o: { file: string }) => run.update(client(), id, o.file, out()));
}

/** Commands that only read: lists, the dry run, where an incident stands. */
function readingCommands(cli: Command, client: Client, out: Out): void {
  cli
    .command('list')
    .description('incidents, newest first')
    .option('--phase <phase>', 'only incidents in this phase')
    .action((o: { phase?: string }) => run.listIncidents(client(), o.phase, out()));
  cli
    .command('preview <id>')
    .description('what approving would send, cost and take, with sample notices (nothing is sent)')
    .action((id: string) => run.preview(client(), id, out()));
  cli
    .command('status <id>')
    .description('where the incident stands: notices, obligations, filings')
    .action((id: string) => run.status(client(), id, out()));
  cli
    .command('watch <id>')
    .description('progress bars per channel and deadline countdowns until the notices are out')
    .addOption(new Option('--interval <ms>', 'how often to ask').default('1000'))
    .addOption(new Option('--timeout <seconds>', 'give up after this long (0: never)').default('0'))
    .action((id: string, o: { interval: string; timeout: string }) =>
      run.watch(
        client(),
        id,
        { intervalMs: Math.max(Number(o.interval) || 1000, 100), timeoutMs: Number(o.timeout) * 1000 || 0 },
        out(),
      ),
    );
  cli
    .command('filings [id]')
    .description("an incident's regulator filings, or every filing the key may see")
    .action((id: string | undefined) => run.filings(client(), id, out()));
}

function program(): Command {
  const cli = new Command('breach')
    .description('Open, import, approve and watch breach incidents from the terminal.')
    .option('--url <url>', 'the service (default: BREACH_URL, or where `npm start` listens)')
    .option('--key <key>', 'an API key (default: BREACH_API_KEY)')
    .option('--json', "print the API's answer as JSON")
    .exitOverride()
    .showHelpAfterError();
  const client = () => {
    const o = cli.opts<GlobalOptions>();
    const key = o.key ?? process.env.BREACH_API_KEY?.trim();
    if (!key) throw new CliError(EXIT.usage, 'no API key: set BREACH_API_KEY or pass --key');
    return new BreachClient(serviceUrl(process.env, o.url), key);
  };
  const out = () => ({ json: cli.opts<GlobalOptions>().json === true });
  readingCommands(cli, client, out);
  decisionCommands(cli, client, out);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are answers, not failures; everything else commander refuses is usage.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version'
        ? EXIT.ok
        : EXIT.usage;
    }
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    if (err instanceof ServiceAddressError) {
      console.error(err.message);
      return EXIT.usage;
    }
    console.error(err);
    return EXIT.failed;
  }
}
