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

// A login step's answer: a session, or the next step (a code, or a first enrolment).
export type LoginStep =
  | { kind: "session"; user: User; recoveryCodes: string[] }
  | { kind: "code" | "enrol"; pending: string };

interface StepResponse {
  user?: User;
  csrf_token?: string;
  recovery_codes?: string[];
  second_factor?: "code" | "enrol";
  pending?: string;
}

function toStep(response: StepResponse): LoginStep {
  if (response.user && response.csrf_token) {
    setCsrfToken(response.csrf_token);
    return { kind: "session", user: response.user, recoveryCodes: response.recovery_codes ?? [] };
  }
  return { kind: response.second_factor ?? "code", pending: response.pending ?? "" };
}

export async function login(username: string, password: string): Promise<LoginStep> {
  return toStep(await api.post<StepResponse>("/session", { username, password }));
}

export async function completeLogin(pending: string, code: string): Promise<LoginStep> {
  return toStep(await api.post<StepResponse>("/session/second-factor", { pending, code }));
}

export async function beginEnrolment(pending: string): Promise<{ secret: string; otpauth_uri: string }> {
  return api.post("/session/enrolment", { pending });
}

// Whether the region set up single sign-on with the organisation's identity provider, and the
// words of its button. The button is a plain link: the server sends the browser on.
export async function singleSignOn(): Promise<{ enabled: boolean; label?: string }> {
  return api.get<{ enabled: boolean; label?: string }>("/session/sso").catch(() => ({ enabled: false }));
}
export const SINGLE_SIGN_ON_START = "/api/v1/session/sso/start";

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
