import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import type { Config } from './config.js';

/** pino-pretty is a development dependency: a production install (`npm ci --omit=dev`) has none. */
function hasPrettyPrinter(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** Readable lines on a terminal, JSON lines elsewhere (containers, log shippers). */
export function createLogger(config: Config): Logger {
  const pretty = process.stdout.isTTY && config.NODE_ENV !== 'production' && hasPrettyPrinter();
  return pino({
    level: config.LOG_LEVEL,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}

/** Routes the Temporal SDK's own logs through ours, at warn and above, so the console stays readable. */
export function installTemporalLogging(logger: Logger, opts: { prometheusBindAddress?: string } = {}): void {
  const level = logger.level === 'debug' || logger.level === 'trace' ? logger.level : 'warn';
  const log = logger.child({ component: 'temporal-sdk' }, { level });
  Runtime.install({
    // The service decides when to stop (and in which order); the SDK must not catch Ctrl-C itself.
    shutdownSignals: [],
    logger: {
      log: (level, message, meta) =>
        log[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'info')](meta ?? {}, message),
      trace: (message, meta) => log.trace(meta ?? {}, message),
      debug: (message, meta) => log.debug(meta ?? {}, message),
      info: (message, meta) => log.info(meta ?? {}, message),
      warn: (message, meta) => log.warn(meta ?? {}, message),
      error: (message, meta) => log.error(meta ?? {}, message),
    },
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      // The SDK's own metrics (task slots, poll latency, schedule-to-start), served by the worker's /metrics.
      ...(opts.prometheusBindAddress
        ? { metrics: { prometheus: { bindAddress: opts.prometheusBindAddress } } }
        : {}),
    },
  });
}
