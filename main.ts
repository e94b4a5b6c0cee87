// The program `npm run synth` and `cdk8s synth` run: the example stock-trading app, for the
// environment named by APP_ENV (default `minikube`), synthesized atomically into CDK8S_OUTDIR
// (default `dist`) once the manifest gate has passed. `--skip-check` skips the gate.
import { App } from 'cdk8s';
import { environmentNamed } from './app/environments';
import { buildStockTrader } from './app/stock-trader';
import { assertGatePasses } from './gate';
import { synthAtomically } from './src';

try {
  const env = environmentNamed(process.env.APP_ENV ?? 'minikube');
  synthAtomically(
    (outdir) => {
      const app = new App({ outdir });
      buildStockTrader(app, env);
      return app;
    },
    {
      outdir: process.env.CDK8S_OUTDIR ?? 'dist',
      verify: process.argv.includes('--skip-check') ? undefined : assertGatePasses,
    },
  );
} catch (error) {
  // A bad prop or a failed check is the user's to fix: its message, no stack. A bug keeps its stack.
  const bug =
    error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
  console.error(bug ? error : `error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
