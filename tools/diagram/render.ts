import { Graphviz } from '@hpcc-js/wasm-graphviz';

let graphviz: Promise<Graphviz> | undefined;

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly: offline, no `dot` binary needed.
 * The first call loads the module (about 100 ms); later calls reuse it.
 *
 * @throws Error when the DOT text is not valid
 */
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= Graphviz.load();
  return (await graphviz).dot(dot, 'svg');
}
