// The benchmark reads histograms from Prometheus text (scripts/bench/prometheus.ts): the API's
// route templates hold braces, prom-client counts seconds, the Temporal SDK milliseconds.
import { describe, expect, it } from 'vitest';
import { histogram, total } from '../../scripts/bench/prometheus';

const api = `# HELP http_request_duration_seconds HTTP request latency by route template
http_request_duration_seconds_bucket{le="0.1",method="POST",route="/api/review-tasks/{id}/decision",status="200"} 5
http_request_duration_seconds_sum{method="POST",route="/api/review-tasks/{id}/decision",status="200"} 1.5
http_request_duration_seconds_count{method="POST",route="/api/review-tasks/{id}/decision",status="200"} 6
http_request_duration_seconds_sum{method="POST",route="/api/review-tasks/{id}/decision",status="409"} 0.5
http_request_duration_seconds_count{method="POST",route="/api/review-tasks/{id}/decision",status="409"} 2
http_request_duration_seconds_sum{method="GET",route="/api/me",status="200"} 9
http_request_duration_seconds_count{method="GET",route="/api/me",status="200"} 90`;

const worker = `temporal_activity_execution_latency_sum{activity_type="recordDecision",task_queue="q"} 663
temporal_activity_execution_latency_count{activity_type="recordDecision",task_queue="q"} 6
temporal_activity_execution_latency_sum{activity_type="openTask",task_queue="q"} 100
temporal_activity_execution_latency_count{activity_type="openTask",task_queue="q"} 4
temporal_activity_schedule_to_start_latency_sum{task_queue="q"} 0`;

describe('Prometheus histograms', () => {
  it('sums a route template’s series over its statuses, in ms from seconds', () => {
    const s = histogram(api, 'http_request_duration_seconds');
    expect(total(s, { method: 'POST', route: '/api/review-tasks/{id}/decision' })).toEqual({ sumMs: 2000, count: 8 });
    expect(total(s, { route: '/api/me' })).toEqual({ sumMs: 9000, count: 90 });
  });

  it('takes the Temporal SDK’s values as ms and picks series by label', () => {
    const s = histogram(worker, 'temporal_activity_execution_latency');
    expect(total(s, { activity_type: 'recordDecision' })).toEqual({ sumMs: 663, count: 6 });
    expect(total(s)).toEqual({ sumMs: 763, count: 10 });
    expect(histogram(worker, 'temporal_activity_schedule_to_start_latency')).toEqual([
      { labels: { task_queue: 'q' }, sumMs: 0, count: 0 },
    ]);
  });
});
