// Prometheus metrics: HTTP latency histograms per route template, Node process metrics, and the
// worker's Temporal SDK metrics appended when WORKER_METRICS_URL is configured.
import type { RequestHandler } from 'express';
import client from 'prom-client';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
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
