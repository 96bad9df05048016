// What the app shell gives every page: who is logged in, where to render, and how to stay
// current when the server reports a change (server-sent events).
import type { User } from "../api/session";

export interface PageContext {
  user: User;
  main: HTMLElement;
  // Register which tables this page shows; a change to one re-renders it.
  watch(tables: string[], rerender: () => void): void;
}
