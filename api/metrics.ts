// Prometheus metrics: HTTP latency histograms per route template, Node process metrics, and the
// worker's Temporal SDK metrics appended when WORKER_METRICS_URL is configured.
import type { RequestHandler } from 'express';
import client from 'prom-client';
import type { Db } from '../infra/db';
import { activityTroubleStore } from '../infra/activity-trouble';
import type { ProcessWaits } from './process-waits';

/** What the stuck-process metrics read (README "Failures"; alert rules in infra/prometheus/alerts.yml). */
export interface StuckSources {
  db: Db;
  waits: ProcessWaits;
  stuckUpdateSeconds: number;
}

export function createMetrics(stuck: StuckSources) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  registerStuckMetrics(registry, stuck);
  const httpDuration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const measure: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: String(res.locals.route ?? 'unmatched'), status: String(res.statusCode) }));
    next();
  };

  async function render(workerMetricsUrl?: string): Promise<string> {
    let text = await registry.metrics();
    if (workerMetricsUrl) {
      try {
        const r = await fetch(workerMetricsUrl, { signal: AbortSignal.timeout(1000) });
        text += `\n# worker (Temporal SDK) metrics from ${workerMetricsUrl}\n${await r.text()}`;
      } catch {
        text += `\n# worker metrics unavailable at ${workerMetricsUrl}\n`;
      }
    }
    return text;
  }

  return { measure, render, contentType: registry.contentType };
}

function registerStuckMetrics(registry: client.Registry, { db, waits, stuckUpdateSeconds }: StuckSources): void {
  const trouble = activityTroubleStore(db);
  new client.Gauge({
    name: 'zhifazheng_stuck_activities',
    help: 'Process steps (workflow, activity type) that failed STUCK_ACTIVITY_ATTEMPTS times or more, have not succeeded since and failed within the last 2 hours; -1 when the database cannot be read',
    registers: [registry],
    async collect() {
      this.set(await trouble.countCurrent().catch(() => -1));
    },
  });
  new client.Gauge({
    name: 'zhifazheng_process_waits_over_threshold',
    help: 'State-changing requests of this API instance (most wait on a process: an Update, a start) in flight longer than STUCK_UPDATE_SECONDS',
    registers: [registry],
    collect() {
      this.set(waits.olderThan(stuckUpdateSeconds).length);
    },
  });
  new client.Gauge({
    name: 'zhifazheng_process_wait_oldest_seconds',
    help: 'How long the oldest state-changing request of this API instance has been in flight (0 when none)',
    registers: [registry],
    collect() {
      this.set(waits.oldestSeconds());
    },
  });
}
