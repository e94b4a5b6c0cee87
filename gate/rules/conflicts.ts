import { Context, Issue, RuleFamily } from '../context';
import { KubeObject, isRecord, list, record } from '../../model';

/**
 * Claims on what the whole cluster shares, checked across every document: a node port opens on
 * every node, so two Services cannot have one (the API server refuses the second: "provided port
 * is already allocated"); an ingress controller routes a host and path to one backend, so two
 * Ingresses of one class cannot claim the same (ingress-nginx's admission webhook refuses the
 * second; other controllers pick one at random).
 */
export const conflicts: RuleFamily = {
  rules: [
    { id: 'node-port-conflict', waivable: false },
    { id: 'ingress-path-conflict', waivable: false },
  ],
  check: (context: Context) => [...nodePorts(context), ...ingressPaths(context)],
};

function nodePorts(context: Context): Issue[] {
  const claimed = new Map<number, KubeObject>();
  const issues: Issue[] = [];
  for (const service of context.ofKind('Service')) {
    const spec = service.spec;
    const ports = list(spec.ports);
    ports.forEach((port, i) => {
      if (!isRecord(port) || typeof port.nodePort !== 'number') return;
      const owner = claimed.get(port.nodePort);
      if (owner === undefined) {
        claimed.set(port.nodePort, service);
        return;
      }
      issues.push({
        object: service,
        path: `spec.ports[${i}].nodePort`,
        rule: 'node-port-conflict',
        message: `node port ${port.nodePort} is already taken by ${owner.label}: node ports are shared by the whole cluster`,
      });
    });
  }
  return issues;
}

function ingressPaths(context: Context): Issue[] {
  const claimed = new Map<string, KubeObject>();
  const issues: Issue[] = [];
  for (const ingress of context.ofKind('Ingress')) {
    const spec = ingress.spec;
    const className = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '';
    const rules = list(spec.rules);
    rules.forEach((rule, r) => {
      if (!isRecord(rule)) return;
      const host = typeof rule.host === 'string' ? rule.host : '*';
      const http = record(rule.http);
      const paths = list(http.paths);
      paths.forEach((p, i) => {
        if (!isRecord(p) || typeof p.path !== 'string') return;
        const key = [className, host, p.path, p.pathType].join('\n');
        const owner = claimed.get(key);
        if (owner === undefined || owner === ingress) {
          claimed.set(key, ingress);
          return;
        }
        issues.push({
          object: ingress,
          path: `spec.rules[${r}].http.paths[${i}].path`,
          rule: 'ingress-path-conflict',
          message: `host '${host}' and path '${p.path}' are already routed by ${owner.label}${className ? ` (IngressClass '${className}')` : ''}`,
        });
      });
    });
  }
  return issues;
}
