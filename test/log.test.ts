import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/log.ts';

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
