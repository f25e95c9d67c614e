/** Polls `url` until it answers 2xx (a starting API's /readyz); throws after `ms`. */
export async function waitForReady(url: string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not become ready within ${ms / 1000}s`);
}
