import { objectReference, orderInSteps, parseObjectReferences } from '../../model';

/** A graph of letters: `{ b: 'a' }` means b depends on a. */
function order(nodes: string, dependencies: Record<string, string>) {
  const ordering = orderInSteps({
    nodes: [...nodes],
    dependenciesOf: (n) => [...(dependencies[n] ?? '')],
  });
  return {
    steps: ordering.steps.map((s) => s.join('')),
    essential: Object.fromEntries(
      [...nodes].map((n) => [n, ordering.essentialDependenciesOf(n).join('')]),
    ),
  };
}

describe('orderInSteps', () => {
  test('puts each node in the step after the last of its dependencies', () => {
    expect(order('dcba', { b: 'a', c: 'a', d: 'bc' }).steps).toEqual(['a', 'cb', 'd']);
  });

  test('keeps only the dependencies not implied by another (a transitive reduction)', () => {
    expect(order('abcd', { b: 'a', c: 'ba', d: 'cab' }).essential).toEqual({
      a: '',
      b: 'a',
      c: 'b',
      d: 'c',
    });
  });

  test('deploys a cycle in one step, orders the rest around it, and declares no edge inside it', () => {
    const { steps, essential } = order('abcd', { b: 'ac', c: 'b', d: 'c' });
    expect(steps).toEqual(['a', 'bc', 'd']);
    expect(essential).toEqual({ a: '', b: 'a', c: 'a', d: 'c' }); // c needs a through b
  });

  test('ignores dependencies outside the graph and on the node itself', () => {
    expect(order('ab', { a: 'az', b: 'a' }).steps).toEqual(['a', 'b']);
  });

  test('orders a long chain without exhausting the stack', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => i);
    const ordering = orderInSteps({ nodes, dependenciesOf: (n) => (n === 0 ? [] : [n - 1]) });
    expect(ordering.steps).toHaveLength(20_000);
  });
});

describe('kpt object references', () => {
  test.each([
    [{ group: '', kind: 'Namespace', namespace: '', name: 'shop' }, '/Namespace/shop'],
    [
      { group: 'apps', kind: 'StatefulSet', namespace: 'shop', name: 'db' },
      'apps/namespaces/shop/StatefulSet/db',
    ],
  ])('write and read %j as %s', (id, reference) => {
    expect(objectReference(id)).toBe(reference);
    expect(parseObjectReferences(` ${reference} , ${reference}`)).toEqual([id, id]);
  });

  test.each(['ConfigMap/a', '/namespaces//ConfigMap/a', 'a/b/c/d', '//a'])('refuse %j', (bad) => {
    expect(() => parseObjectReferences(bad)).toThrow(/is not an object reference/);
  });
});
