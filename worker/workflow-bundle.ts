import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { failureConverterPath } from '../platform/data-converter.js';

// `.ts` under tsx, `.js` in the compiled build (dist/).
const ext = extname(fileURLToPath(import.meta.url));
export const workflowsPath = fileURLToPath(new URL(`../workflows/index${ext}`, import.meta.url));
/** The workflow side of tracing (workflows/tracing-interceptors.ts), in every bundle. */
export const workflowInterceptorModules = [
  fileURLToPath(new URL(`../workflows/tracing-interceptors${ext}`, import.meta.url)),
];

/** Bundles the workflow code once; tests reuse one bundle across many workers. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules,
    failureConverterPath,
    logger: quietBundlerLogger,
  });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
