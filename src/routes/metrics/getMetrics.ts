import type { Handler } from '../../http/router.ts';

/** GET /metrics: this instance's Prometheus metrics in the text exposition format. */
export const getMetrics: Handler<'getMetrics'> = async ({ deps }) => {
  const { contentType, body } = await deps.metrics.scrape();
  return new Response(body, { headers: { 'content-type': contentType } });
};
