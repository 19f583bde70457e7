import type { Level, Logger } from 'pino';

const LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * `parent.child(bindings)`, made only when something is logged at an enabled level. A user
 * turn takes a child logger with its chat and message ids, and at the usual levels (info in
 * production) most turns write at most one line; under LOG_LEVEL=warn none. pino builds a child
 * at once (its bindings serialised, its serializers and levels set up): 18 µs a turn, 4 % of a
 * relayed message's CPU in the load bench (bench/load.ts --profile). Levels that are off stay
 * the parent's no-op; the rest, `child` and `bindings` build the real child on first use.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const real = () => (child ??= parent.child(bindings));
  const lazy = Object.create(parent) as Logger;
  for (const level of LEVELS)
    if (parent.isLevelEnabled(level))
      lazy[level] = ((...args: Parameters<Logger['info']>) =>
        real()[level](...args)) as Logger['info'];
  lazy.child = (b, o) => real().child(b, o);
  lazy.bindings = () => real().bindings();
  return lazy;
}
