// The random id an anonymous browser keeps so that its 도움이 됐어요 counts once. The server
// stores only a keyed hash of it; it identifies nothing beyond "the same browser".

export const CLIENT_ID_KEY = "eutteum.clientId";
const VALID = /^[A-Za-z0-9_-]{16,64}$/;

let fallback: string | null = null;

function storage(): Storage | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed frame)
  }
}

/** 32 hex digits from the platform's random source (crypto.randomUUID needs HTTPS; this does not). */
function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The browser's id, made on first use. Without storage the id lasts as long as the page,
 * which still keeps a double click from counting twice.
 */
export function browserClientId(store: Storage | null = storage()): string {
  try {
    const kept = store?.getItem(CLIENT_ID_KEY);
    if (kept && VALID.test(kept)) return kept;
    const made = randomId();
    store?.setItem(CLIENT_ID_KEY, made);
    if (store) return made;
  } catch {
    // fall through to the page's own id
  }
  fallback ??= randomId();
  return fallback;
}
