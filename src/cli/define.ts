import { helpText, parseCommand, type CommandSpec, type ParsedCommand } from './args.ts';
import { CliError, EXIT_FAILED, type CliContext, type CommandRunner } from './command.ts';
import { workflowCommand } from './output/github.ts';
import { renderReport } from './output/render.ts';
import type { Report } from './output/report.ts';
import { styleFor } from './output/style.ts';

export type CommandHandler = (command: ParsedCommand, context: CliContext) => Promise<Report>;

/**
 * A command from its spec and its handler: `--help` prints the spec's help, arguments are parsed strictly,
 * the report is rendered in the chosen format on stdout, and a `CliError` is printed on stderr (and as a
 * workflow command under `--format github`) with its exit code.
 */
export function defineCommand(name: string, spec: CommandSpec, handler: CommandHandler): CommandRunner {
  return async (args, context) => {
    const { io } = context;
    let format: ParsedCommand['format'] = 'human';
    try {
      const parsed = parseCommand(spec, args);
      format = parsed.format;
      if (parsed.help) {
        io.out.write(helpText(spec));
        return 0;
      }
      const report = await handler(parsed, context);
      io.out.write(renderReport(report, format, styleFor(io.out, context.env)));
      return report.exitCode;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err.write(`schemata ${name}: ${error.message}\n`);
      if (error.kind === 'usage') io.err.write(`Run \`schemata ${name} --help\` for its options.\n`);
      if (format === 'github') {
        io.out.write(
          `${workflowCommand({ rule: `schemata ${name}`, severity: 'error', message: error.message })}\n`,
        );
      }
      return error.exitCode;
    }
  };
}

/** Exit code of a report whose cases failed or not. */
export const exitFor = (failed: boolean): number => (failed ? EXIT_FAILED : 0);
