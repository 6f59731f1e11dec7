import type { FastifyBaseLogger } from 'fastify';
import { type Bindings, type ChildLoggerOptions, levels } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
type Level = (typeof LEVELS)[number];

/**
 * Fastify's childLoggerFactory: the request's child logger (its request id bound) is made when
 * the request first writes a line at an enabled level, not for every request. Pino passes a
 * child's bindings through the redaction when it makes it, which was 4% of the server's CPU on
 * the transfer benchmark (issue 11), though at the production levels almost no request logs.
 * A child with options of its own (a route's log level) is made at once, as Fastify would.
 */
export function lazyChildLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  if (Object.keys(options).length > 0) return parent.child(bindings, options);
  let made: FastifyBaseLogger | null = null;
  const real = (): FastifyBaseLogger => {
    made ??= parent.child(bindings, options);
    return made;
  };
  const enabled = (level: Level): boolean => {
    const threshold = levels.values[(made ?? parent).level];
    // 'silent' (and any level pino does not number) writes nothing.
    const wanted = levels.values[level];
    return threshold !== undefined && wanted !== undefined && wanted >= threshold;
  };
  const write =
    (level: Level) =>
    (...args: Parameters<FastifyBaseLogger['info']>): void => {
      if (enabled(level)) real()[level](...args);
    };
  return {
    get level() {
      return (made ?? parent).level;
    },
    set level(value: string) {
      real().level = value;
    },
    silent: () => {},
    child: (more: Bindings, moreOptions?: ChildLoggerOptions) => real().child(more, moreOptions),
    fatal: write('fatal'),
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
  };
}
