// The synthesis runtime: writes an app's manifests into an output folder, atomically and only
// where it may (see output-folder.ts). The constructs in src/ never touch the filesystem.
export { synthAtomically } from './atomic-synth';
export type { AtomicSynthOptions } from './atomic-synth';
export { OUTPUT_MARKER, OutputFolderError } from './output-folder';
export { runSynth } from './run-synth';
export type { RunSynthOptions } from './run-synth';
export type { SynthesizedManifest } from './synth-writer';
export { DeployGraph } from './deploy-graph';
export type { DeployAnnotations } from './deploy-graph';
