/** `npm run demo`: compiles the example config to every target, then serves it on the reference
 * proxy against the mock providers (no credentials, no network) until Ctrl-C. */
import { serveCommand } from '../src/cli/commands/serve.ts';
import { main } from '../src/cli/main.ts';
import { TARGETS } from '../src/cli/targets.ts';
import { emitTarget, loadModel } from '../src/compile/index.ts';

const config = 'examples/gateway.config.ts';
const outDir = '.aigate/demo';

process.stdout.write(`aigate demo: compiling ${config}\n\n`);
const model = await loadModel(config);
if (!model.ok) process.exit(await main(['validate', config]));
for (const target of TARGETS) {
  // A target that cannot carry this config (kong-operator's AIGateway expresses little) is a
  // finding worth one line here, not a reason to stop the demo.
  const emitted = emitTarget(model.value, target);
  if (!emitted.ok) {
    const n = emitted.diagnostics.filter((d) => d.severity === 'error').length;
    process.stdout.write(`${target.id}: cannot carry this config (${n} problems; see: node bin/aigate.mjs validate ${config} --target ${target.id})\n`);
    continue;
  }
  const code = await main(['compile', config, '--target', target.id, '--out', `${outDir}/${target.id}/`]);
  if (code !== 0) process.exit(code);
}
process.stdout.write(`\nCompiled to ${outDir}/. Or try: node bin/aigate.mjs validate ${config}\n`);

// The example's consumers authenticate with keys from these variables; the proxy checks them for
// real, even against the mocks, so the demo brings its own.
const keys = { ALICE_API_KEY: 'demo-alice-key', BOB_API_KEY: 'demo-bob-key' };
for (const [name, value] of Object.entries(keys)) process.env[name] ??= value;
const alice = process.env.ALICE_API_KEY ?? keys.ALICE_API_KEY;
process.stdout.write(`\nServing it on the reference proxy against the mock providers (aigate serve ${config} --mock)\n`);
process.stdout.write(`consumer keys for this demo: ${Object.keys(keys).map((k) => `${k}=${process.env[k]}`).join(' ')}\n\n`);

process.exitCode = await serveCommand(config, { port: 8000, host: '127.0.0.1', mock: true, adminPort: 8001, exampleKey: alice });
