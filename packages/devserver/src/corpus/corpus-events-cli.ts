/**
 * Writes the corpus events as the stand-in's `--events` input (the corpus lines wrap each event with what the app
 * must find in it, which the stand-in does not read):
 *
 *     npx tsx packages/devserver/src/corpus/corpus-events-cli.ts --out /tmp/corpus-events.jsonl [--dir DIR]
 *     npm start -- --events /tmp/corpus-events.jsonl
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CORPUS_DIR, corpusEventsJsonl, loadCorpus } from './corpus';

const USAGE =
    'Usage: corpus-events-cli [--out FILE] [--dir DIR]\n' +
    '  Writes the events of the log-format corpus (default folder packages/devserver/corpus) in the --events\n' +
    '  format, to FILE or to standard output.';

function main(argv: string[]): number {
    const { values } = parseArgs({
        args: argv,
        options: { out: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean' } },
        strict: true,
    });
    if (values.help === true) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const corpus = loadCorpus(values.dir ?? CORPUS_DIR);
    const text = corpusEventsJsonl(corpus.lines);
    if (values.out === undefined) {
        process.stdout.write(text);
        return 0;
    }
    writeFileSync(values.out, text);
    process.stderr.write(
        `${String(corpus.lines.length)} events of ${String(corpus.formats.length)} formats written to ${values.out}\n`
    );
    return 0;
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
}
