/**
 * Invalid props of every construct: valid props with one mutation applied, every category of
 * mutation together (ranges and names in mutations.ts; types, grammars and collisions in
 * boundary-mutations.ts).
 */
import fc from 'fast-check';
import {
  blueGreenProps,
  cronJobProps,
  jobProps,
  statefulAppProps,
  webAppProps,
} from './arbitraries';
import {
  BLUE_GREEN_BOUNDARY,
  CRON_JOB_BOUNDARY,
  STATEFUL_APP_BOUNDARY,
  grammarMutations,
  jobBoundary,
  podPortMutations,
  typeMutations,
  webMutations,
} from './boundary-mutations';
import { Invalid, Mutation, invalid } from './mutate';
import {
  BLUE_GREEN_MUTATIONS,
  CRON_JOB_MUTATIONS,
  JOB_MUTATIONS,
  STATEFUL_APP_MUTATIONS,
  WEB_APP_MUTATIONS,
} from './mutations';

/** Every construct's valid props and the mutations it refuses. */
const CASES = {
  WebApp: {
    valid: webAppProps,
    mutations: [
      ...WEB_APP_MUTATIONS,
      ...typeMutations(),
      ...grammarMutations(),
      ...podPortMutations(),
      ...webMutations(),
    ],
  },
  BlueGreenWebApp: {
    valid: blueGreenProps,
    mutations: [
      ...BLUE_GREEN_MUTATIONS,
      ...typeMutations(),
      ...grammarMutations(),
      ...podPortMutations(),
      ...webMutations(),
      ...BLUE_GREEN_BOUNDARY,
    ],
  },
  StatefulApp: {
    valid: statefulAppProps,
    mutations: [
      ...STATEFUL_APP_MUTATIONS,
      ...typeMutations(),
      ...grammarMutations(),
      ...podPortMutations(),
      ...STATEFUL_APP_BOUNDARY,
    ],
  },
  Job: {
    valid: jobProps,
    mutations: [...JOB_MUTATIONS, ...typeMutations(), ...grammarMutations(), ...jobBoundary()],
  },
  CronJob: {
    valid: cronJobProps,
    mutations: [
      ...CRON_JOB_MUTATIONS,
      ...typeMutations(),
      ...grammarMutations(),
      ...jobBoundary(),
      ...CRON_JOB_BOUNDARY,
    ],
  },
} as const;

/** The constructs, by name. */
export type Kind = keyof typeof CASES;

/** Valid props of a construct with one mutation of any category applied. */
export function invalidProps(kind: Kind): fc.Arbitrary<Invalid<unknown>> {
  const { valid, mutations } = CASES[kind];
  return invalid(valid as fc.Arbitrary<unknown>, ...(mutations as readonly Mutation<unknown>[]));
}

/** Each mutation of a construct on its own, for a matrix that tries every one of them. */
export function mutationsOf(kind: Kind): {
  valid: fc.Arbitrary<unknown>;
  mutations: readonly Mutation<unknown>[];
} {
  const { valid, mutations } = CASES[kind];
  return {
    valid: valid as fc.Arbitrary<unknown>,
    mutations: mutations as readonly Mutation<unknown>[],
  };
}
