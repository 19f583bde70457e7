import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/log.ts';
import { lazyChild } from '../src/core/lazy-log.ts';

const TG = '7000000001:AAEmulatorTokenForTestsOnly_abcdefghij';
const DC = 'MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.abcdefghijklmnopqrstuvwxyz0123';

function capture() {
  const lines: string[] = [];
  const log = createLogger({
    level: 'info',
    destination: { write: (l: string) => void lines.push(l) },
  });
  return { log, out: () => lines.join('') };
}

describe('logs', () => {
  it('never carry a token, even nested deep in a library error', () => {
    const { log, out } = capture();
    const fetchError = new Error(
      `request to http://127.0.0.1:1/bot${TG}/getFile failed, reason: ECONNREFUSED`,
    );
    const httpError = Object.assign(new Error('Network request for getFile failed!'), {
      error: fetchError,
    });
    log.error({ err: httpError }, 'attachment download failed');
    log.error({ err: new Error('download failed', { cause: fetchError }) }, 'wrapped');
    log.warn(
      {
        url: `https://api.telegram.org/bot${TG}/sendMessage`,
        headers: { authorization: `Bot ${DC}` },
      },
      'x',
    );
    expect(out()).not.toContain(TG.split(':')[1]);
    expect(out()).not.toContain(DC);
    expect(out()).toContain('ECONNREFUSED');
  });

  it('redact what users typed', () => {
    const { log, out } = capture();
    log.info({ text: 'my password is hunter2', userWords: 'secret words' }, 'turn');
    expect(out()).not.toMatch(/hunter2|secret words/);
  });

  it('redact such fields at any depth, in child loggers too, and keep the rest', () => {
    const { log, out } = capture();
    log
      .child({ chatId: '42', secret: 'webhook-secret-value' })
      .warn(
        { ticket: 'T-7K3Q9XA', message: { reply: { text: 'my seed words are here' } }, n: 3 },
        'deep',
      );
    const line = JSON.parse(out()) as Record<string, unknown>;
    expect(out()).not.toMatch(/seed words|webhook-secret-value/);
    expect(line).toMatchObject({
      chatId: '42',
      secret: '[redacted]',
      ticket: 'T-7K3Q9XA',
      message: { reply: { text: '[redacted]' } },
      n: 3,
    });
  });

  it('keep ordinary numbers and ids readable', () => {
    expect(scrubSecrets('ticket T-7K3Q9XA chat -1001234567890 msg 42')).toBe(
      'ticket T-7K3Q9XA chat -1001234567890 msg 42',
    );
  });
});

describe('a turn’s child logger (lazyChild)', () => {
  function counted(level: string) {
    const lines: string[] = [];
    const log = createLogger({ level, destination: { write: (l: string) => void lines.push(l) } });
    let made = 0;
    const plain = log.child;
    log.child = function (this: typeof log, b, o) {
      made++;
      return plain.call(this, b, o);
    } as typeof log.child;
    return { log, lines, made: () => made };
  }

  it('is built only when a line is written at an enabled level, once, with its bindings', () => {
    const { log, lines, made } = counted('warn');
    const turn = lazyChild(log, { chatId: 42, messageId: 7 });
    turn.info({ ms: 3 }, 'user turn');
    turn.debug('nothing');
    expect(made()).toBe(0);
    expect(lines).toEqual([]);
    turn.warn({ n: 1 }, 'first');
    turn.error('second');
    expect(made()).toBe(1);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(JSON.parse(l)).toMatchObject({ chatId: 42, messageId: 7 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ n: 1, msg: 'first', level: 40 });
  });

  it('passes its bindings, scrubbed, to its own children', () => {
    const { log, lines } = counted('info');
    const turn = lazyChild(log, { chatId: 42, text: 'my password is hunter2' });
    turn.child({ ticket: 'T-ABCDEFG' }).info('nested');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ chatId: 42, ticket: 'T-ABCDEFG', text: '[redacted]' });
    expect(turn.bindings()).toMatchObject({ chatId: 42 });
  });
});
