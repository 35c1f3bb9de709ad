/**
 * Switches the time zone of the test process (Node re-reads TZ when it is assigned), so
 * tests can show that Seoul conversions do not depend on the browser's zone.
 */
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const original = env.TZ;

export function setTimeZone(zone: string): void {
  env.TZ = zone;
}

export function restoreTimeZone(): void {
  if (original === undefined) delete env.TZ;
  else env.TZ = original;
}
