// The program `npm run synth` and `npx cdk8s synth` run: the example stock-trading app for the
// environment named by APP_ENV (default `minikube`), written atomically into CDK8S_OUTDIR (default
// `dist`) once the manifest gate has passed. `--skip-check` skips the gate. This is the only file
// that reads the process environment.
import { environmentNamed } from './app/environments';
import { buildStockTrader } from './app/stock-trader';
import { assertManifestsPass } from './gate';
import { runSynth } from './src';

runSynth((app) => buildStockTrader(app, environmentNamed(process.env.APP_ENV ?? 'minikube')), {
  outdir: process.env.CDK8S_OUTDIR ?? 'dist',
  verify: process.argv.includes('--skip-check') ? undefined : assertManifestsPass,
});
