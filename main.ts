// The program `npm run synth` and `npx cdk8s synth` run: the example stock-trading app for the
// environment named by APP_ENV (default `minikube`), written atomically into CDK8S_OUTDIR (default
// `dist`) once the manifest gate has passed. This is the only file of the app that reads the process
// environment.
//
//   --skip-check  skip the manifest gate
//   --cdk8s-cli   run by the cdk8s CLI (cdk8s.yaml): dist/ is replaced, CDK8S_OUTDIR gets a copy
import { parseArgs } from 'util';
import { environmentNamed } from './app/environments';
import { buildStockTrader } from './app/stock-trader';
import { assertManifestsPass } from './gate';
import { runSynth } from './runtime';

const { values } = parseFlags();

runSynth((app) => buildStockTrader(app, environmentNamed(process.env.APP_ENV ?? 'minikube')), {
  verify: values['skip-check'] ? undefined : assertManifestsPass,
  cdk8sCli: values['cdk8s-cli'],
});

function parseFlags() {
  try {
    return parseArgs({
      options: { 'skip-check': { type: 'boolean' }, 'cdk8s-cli': { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return process.exit(2);
  }
}
