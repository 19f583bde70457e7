/**
 * The two HTTP listeners: the public one on HTTP_PORT (`/healthz`, the Telegram webhook) and the
 * metrics one on METRICS_PORT, bound to METRICS_HOST (loopback unless the operator says otherwise),
 * so a scrape endpoint is never exposed on every interface by default.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyValueStore } from './core/ports.ts';
import type { Logger } from './log.ts';

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function startHttpServer(
  port: number,
  store: KeyValueStore,
  webhook: WebhookHandler | undefined,
  log: Logger,
): Server {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/telegram/webhook' && webhook) {
      webhook(req, res).catch((err: unknown) => {
        log.error({ err }, 'webhook failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (req.method === 'GET' && path === '/healthz') {
      store
        .get('health:v1:probe')
        .then(() =>
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
        )
        .catch(() =>
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end('{"status":"store unavailable"}'),
        );
      return;
    }
    res.writeHead(404).end();
  });
  server.on('error', (err) =>
    log.error({ err, port }, `HTTP server error on port ${port} (HTTP_PORT)`),
  );
  server.listen(port, () => log.info({ port }, 'HTTP server listening (/healthz)'));
  return server;
}

export interface MetricsSource {
  stats(): Promise<{
    openTickets: number;
    outbox: number;
    counters: {
      userTurns: number;
      ticketsOpened: number;
      agentReplies: number;
      slaBreaches: number;
      secretsMasked: Map<string, number>;
    };
  }>;
}

/** Prometheus text format: https://prometheus.io/docs/instrumenting/exposition_formats/ */
export async function renderMetrics(source: MetricsSource): Promise<string> {
  const s = await source.stats();
  const m = process.memoryUsage();
  const lines = [
    '# TYPE support_open_tickets gauge',
    `support_open_tickets ${s.openTickets}`,
    '# TYPE support_outbox_tickets gauge',
    `support_outbox_tickets ${s.outbox}`,
    '# TYPE support_user_turns_total counter',
    `support_user_turns_total ${s.counters.userTurns}`,
    '# TYPE support_tickets_opened_total counter',
    `support_tickets_opened_total ${s.counters.ticketsOpened}`,
    '# TYPE support_agent_replies_total counter',
    `support_agent_replies_total ${s.counters.agentReplies}`,
    '# TYPE support_sla_breaches_total counter',
    `support_sla_breaches_total ${s.counters.slaBreaches}`,
    '# TYPE support_secrets_masked_total counter',
    ...[...s.counters.secretsMasked].map(
      ([k, n]) => `support_secrets_masked_total{kind="${k}"} ${n}`,
    ),
    `process_resident_memory_bytes ${m.rss}`,
    `process_heap_used_bytes ${m.heapUsed}`,
    `process_uptime_seconds ${Math.round(process.uptime())}`,
    '',
  ];
  return lines.join('\n');
}

export function startMetricsServer(
  port: number,
  host: string,
  source: MetricsSource,
  log: Logger,
): Server {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    renderMetrics(source)
      .then((text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text))
      .catch(() => res.writeHead(503).end());
  });
  server.on('error', (err) =>
    log.error({ err, port, host }, `metrics server error on ${host}:${port} (METRICS_PORT)`),
  );
  server.listen(port, host, () => log.info({ port, host }, 'metrics listening (/metrics)'));
  return server;
}
