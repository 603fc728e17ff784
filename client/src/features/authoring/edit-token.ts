/**
 * The edit token (SPLINTERNET_EDIT_TOKEN) an analyst entered, for a server that accepts writes
 * only with it. Kept in sessionStorage: it lasts as long as the tab, and never lands in a link.
 */
const KEY = 'splinternet.editToken';
let inMemory: string | null = null;

export const editToken = {
  get(): string | null {
    try {
      return sessionStorage.getItem(KEY) ?? inMemory;
    } catch {
      return inMemory;
    }
  },
  set(token: string | null): void {
    inMemory = token || null;
    try {
      if (token) sessionStorage.setItem(KEY, token);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused (private mode): the token lasts until the page reloads.
    }
  },
};
