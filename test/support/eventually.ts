/** Polls `probe` every 100 ms until it gives a truthy value (returned), for up to `withinMs` (30 s). */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  withinMs = 30_000,
): Promise<T> {
  for (let i = 0; i < withinMs / 100; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
