import { IConstruct } from 'constructs';
import { PropCheck } from './validation/prop-check';
import { shape } from './validation/shapes';
import { show } from './validation/show';

const ORDERS = new WeakMap<IConstruct, DeployOrder>();

/** One recorded "after": everything `dependent` holds is deployed once `dependency` is ready. */
export interface DeployAfter {
  /** The construct deployed later. */
  readonly dependent: IConstruct;
  /** The construct deployed, and waited for, first. */
  readonly dependency: IConstruct;
}

/**
 * The order in which an app's objects should reach a cluster, beyond cdk8s' own dependencies:
 * `connectTo` records here that a client's pods start after its server is ready. Unlike
 * `addDependency`, an "after" changes neither the order of the objects in `dist/` nor the
 * charts' files, and two constructs may each come after the other (two workloads that call each
 * other): they are then deployed in the same step.
 *
 * The runtime's `DeployGraph` reads this record with everything else the app says about order
 * (chart and construct dependencies, Namespaces, the ConfigMaps and Secrets the pods use) to
 * order `npm run deploy` and to write Argo CD's and kpt's annotations. Add to it for constructs
 * of your own:
 *
 * @example
 * DeployOrder.of(app).addAfter(reportingJob, warehouse);
 */
export class DeployOrder {
  /** The record of the app that holds `scope`, made on first use. */
  public static of(scope: IConstruct): DeployOrder {
    checkConstruct('DeployOrder.of', 'scope', scope);
    const root = scope.node.root;
    let order = ORDERS.get(root);
    if (order === undefined) {
      order = new DeployOrder(root);
      ORDERS.set(root, order);
    }
    return order;
  }

  private readonly recorded: DeployAfter[] = [];

  private constructor(private readonly root: IConstruct) {}

  /**
   * Deploys the objects of `dependent` that run pods (its Deployments, StatefulSets, Jobs...; all
   * its objects when none does) after every object of `dependency`, once they are applied and
   * ready. Its other objects (a Service, a NetworkPolicy, a ConfigMap) need not wait.
   */
  public addAfter(dependent: IConstruct, dependency: IConstruct): void {
    checkConstruct('DeployOrder.addAfter', 'dependent', dependent);
    checkConstruct('DeployOrder.addAfter', 'dependency', dependency);
    const check = new PropCheck('DeployOrder.addAfter');
    if (dependent.node.root !== this.root) {
      check.fail('dependent', dependent.node.path, 'a construct of the app of this DeployOrder');
    }
    if (dependency.node.root !== this.root) {
      check.fail(
        'dependency',
        dependency.node.path,
        `a construct of the same app as ${show(dependent.node.path)}`,
      );
    }
    this.recorded.push({ dependent, dependency });
  }

  /** Every "after" recorded, in the order they were added. */
  public get afters(): readonly DeployAfter[] {
    return [...this.recorded];
  }
}

const CONSTRUCT = shape('a construct', (v) => {
  const node = (v as { node?: { root?: unknown; path?: unknown } } | null | undefined)?.node;
  return typeof node === 'object' && node !== null && typeof node.path === 'string';
});

function checkConstruct(method: string, prop: string, value: unknown): asserts value is IConstruct {
  new PropCheck(method).shape(prop, value, CONSTRUCT);
}
