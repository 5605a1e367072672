import { ConfigError } from '../../platform/env.js';

/** What a configuration section refuses in `env`, one line per variable; empty when it accepts it. */
export function configProblems(load: (env: NodeJS.ProcessEnv) => unknown, env: NodeJS.ProcessEnv): string[] {
  try {
    load(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}
