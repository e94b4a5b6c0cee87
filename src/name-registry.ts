import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropCheck } from './validation/prop-check';
import { show } from './validation/show';

const chartNames = new WeakMap<Chart, Map<string, Construct>>();

/**
 * Reserves a name among the workloads of `owner`'s chart, for the objects named after it (a
 * workload's, a BlueGreenWebApp's live Service, a StatefulApp's headless Service), so that no two
 * write objects of one kind and name; refuses a name already taken.
 */
export function claimName(check: PropCheck, owner: Construct, name: string, prop = 'name'): void {
  const chart = Chart.of(owner);
  const names = chartNames.get(chart) ?? new Map<string, Construct>();
  chartNames.set(chart, names);
  const other = names.get(name);
  if (other) {
    check.fail(
      prop,
      name,
      `unique among the workloads of the chart (${show(other.node.path)} has it)`,
    );
  }
  names.set(name, owner);
}
