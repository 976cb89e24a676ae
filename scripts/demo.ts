/** `npm run demo`: compiles the example config to every target and says what it wrote. */
import { main } from '../src/cli/main.ts';
import { TARGETS } from '../src/cli/targets.ts';

const config = 'examples/gateway.config.ts';
const outDir = '.aigate/demo';

process.stdout.write(`aigate demo: compiling ${config}\n\n`);
for (const target of TARGETS) {
  const code = await main(['compile', config, '--target', target.id, '--out', `${outDir}/${target.id}/`]);
  if (code !== 0) {
    process.stderr.write(`\ncompiling for ${target.id} failed (exit ${code})\n`);
    process.exit(code);
  }
}
process.stdout.write(`\nDone. Look at ${outDir}/, or try: node bin/aigate.mjs validate ${config}\n`);
