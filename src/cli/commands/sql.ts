import { Command, Option } from 'commander';
import { DIALECTS } from '../../sql/dialect.js';
import type { CliContext } from '../common.js';
import type { SqlOptions } from './sql-run.js';

export function sqlCommand(ctx: CliContext): Command {
  const cmd = new Command('sql')
    .summary("print one SQL query that computes the config's daily tally in a warehouse")
    .description(
      "Compiles the config's sources and rules into one query for DuckDB, PostgreSQL, Snowflake or BigQuery. " +
        'It returns the daily tally (rep, date, a count per stage), the sales-cycle samples, the row accounting and ' +
        'every rejected row with its reason, as typed rows (column kind). Export its result as CSV and run "funnel report" on it: the file ' +
        'is read with the funnel-tally preset, no config needed. funnel never connects to the warehouse.\n' +
        'Each source reads a table named after its path (exports/hubspot-calls-*.csv → hubspot_calls) unless ' +
        '--source binds it. Where a source file exists locally, its header decides presets and its values the ' +
        'day/month order of dates, as in "funnel report".',
    )
    .addOption(new Option('--dialect <dialect>', 'the SQL dialect').choices(DIALECTS).makeOptionMandatory())
    .option('--config <file>', 'config file (default: the nearest funnel.config.yaml|yml|json upward)')
    .option('--source <name=table>', 'read a source from this table; NAME is the default table name or the source\'s position (0, sources[0]) (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--row-number <column>', 'an integer column every table has that numbers its rows in load order: the first of duplicates wins by it, and rejections name it as their line')
    .option('--as-of <date>', "weekly tallies get no share on days after this date (YYYY-MM-DD); default: the warehouse's current date when the query runs")
    .option('--out <file>', 'write the query to this file instead of stdout');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ funnel sql --dialect postgres > tally.sql
  $ funnel sql --dialect bigquery --source hubspot_calls=fivetran_hubspot.engagement_call --row-number _row
  $ psql -d crm --csv -f tally.sql > funnel-tally.csv && funnel report funnel-tally.csv

Without --row-number, the first of duplicates is the one with the earliest date (then the rep);
see docs/warehouse.md for the result's columns and each dialect's limits.`,
  );
  cmd.action(async (opts: SqlOptions) => {
    // Loaded here, not at start-up: `funnel --help` and the other commands need none of it.
    const { runSql } = await import('./sql-run.js');
    await runSql(opts, ctx);
  });
  return cmd;
}
