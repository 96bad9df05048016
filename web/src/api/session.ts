// /api/v1/session: who is logged in.
import { api, setCsrfToken } from "./client";

export interface User {
  username: string;
  display_name: string;
  role: "admin" | "coordinator" | "crisis_team" | "practice_user" | "insurer_liaison" | "read_only";
  role_label: string;
  practice_agbs: string[];
}

interface SessionResponse {
  user: User;
  csrf_token: string;
}

export async function currentUser(): Promise<User | null> {
  try {
    const session = await api.get<SessionResponse>("/session");
    setCsrfToken(session.csrf_token);
    return session.user;
  } catch {
    return null;
  }
}

export async function login(username: string, password: string): Promise<User> {
  const session = await api.post<SessionResponse>("/session", { username, password });
  setCsrfToken(session.csrf_token);
  return session.user;
}

export async function logout(): Promise<void> {
  await api.delete("/session", 0).catch(() => undefined);
}

// What the UI offers each role; the server enforces the same rules on every request.
export function canEditRegistry(user: User): boolean {
  return user.role === "admin" || user.role === "coordinator";
}
export function canEditPractice(user: User, agb: string): boolean {
  return canEditRegistry(user) || (user.role === "practice_user" && user.practice_agbs.includes(agb));
}
export function seesPeople(user: User): boolean {
  return user.role !== "insurer_liaison";
}
