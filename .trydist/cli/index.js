import { readFileSync } from 'node:fs';
import { EXIT_USAGE } from "./command.js";
const COMMANDS = {
    serve: {
        summary: 'Start the registry (the same as `npm start`), configured by environment variables',
        load: async () => (await import("./serve.js")).serve,
    },
};
export function usage() {
    const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 4;
    const commands = Object.entries(COMMANDS)
        .map(([name, command]) => `  ${name.padEnd(width)}${command.summary}`)
        .join('\n');
    return [
        'Usage: schemata <command> [options]',
        '',
        'Commands:',
        commands,
        '',
        'Options:',
        '  -h, --help        Show this help',
        '  -v, --version     Print the version',
        '',
        'Run `schemata <command> --help` for the options of a command.',
        'Exit codes: 0 ok, 1 failed, 2 usage or configuration error.',
        '',
    ].join('\n');
}
/** Runs the CLI for `argv` (without node and script); never calls process.exit itself. */
export async function run(argv, io = { out: process.stdout, err: process.stderr }) {
    const [name, ...args] = argv;
    if (name === '-h' || name === '--help' || name === 'help') {
        io.out.write(usage());
        return 0;
    }
    if (name === '-v' || name === '--version') {
        io.out.write(`${packageVersion()}\n`);
        return 0;
    }
    if (name === undefined) {
        io.err.write(usage());
        return EXIT_USAGE;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) {
        const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
        io.err.write(`schemata: ${what}\n\n${usage()}`);
        return EXIT_USAGE;
    }
    try {
        const execute = await command.load();
        return await execute(args, io);
    }
    catch (error) {
        io.err.write(`schemata ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
function packageVersion() {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return manifest.version;
}
