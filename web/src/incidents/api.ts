// /api/v1/incidents and /api/v1/playbooks.
import { t } from "../i18n";
import { api } from "../api/client";

export interface PlaybookSummary {
  id: string;
  title: string;
  source: string;
  derived: boolean;
  steps: number;
}

export interface Task {
  id: number;
  version: number;
  step_id: string;
  phase: string;
  text: string;
  owner_role: string;
  owner_person_code: string | null;
  deadline: string;
  legal: boolean;
  source: string;
  status: "open" | "done" | "not_applicable";
  overdue: boolean;
  closed_at: string | null;
  closed_by: string;
  note: string;
  entered_at: string | null; // done on paper, typed in at this time
}

export interface LogEntry {
  id: number;
  at: string;
  author: string;
  kind: string;
  text: string;
  decided_by: string;
  acted_by: string;
  corrects_id: number | null;
  entered_at: string | null; // written on paper, typed in at this time
}

// The entries people write (BOB: picture, judgement, decision); stage, task and status entries
// vangnet writes itself.
// The kinds a person writes in the logbook (BOB, seed 002 §5.2), with their label in the UI's
// language; a function because the language may change while the app runs.
export function logKinds(): [string, string][] {
  return [
    ["observation", t("logObservation")],
    ["picture", t("logPicture")],
    ["judgement", t("logJudgement")],
    ["decision", t("logDecision")],
    ["message", t("logMessage")],
  ];
}

// What was done on paper, typed in afterwards (times as UTC ISO).
export interface PaperRecord {
  source: string;
  tasks: { id: number; version: number; done_at: string; done_by: string; note: string }[];
  entries: { kind: string; at: string; text: string; decided_by: string; acted_by: string }[];
}

export interface SharedPicture {
  version: number;
  situation: string;
  casualties: string;
  hazardous_substances: string;
  communication: string;
  weather: string;
  confirmed_at: string;
  confirmed_by: string;
  text: string;
}

export interface Alarm {
  id: number;
  role_code: string;
  role_label: string;
  person_code: string;
  person_name: string;
  level: "primary" | "substitute" | "reporting_point" | "handover";
  status: "alarmed" | "acknowledged" | "passed_on" | "handed_over";
  alarmed_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string;
  passed_at: string | null;
}

export interface EvaluationPoint {
  point: string;
  source: string;
  finding: string;
  action: string;
}

export interface OutboxMessage {
  id: number;
  created_at: string;
  channel: "app" | "email" | "sms";
  recipient: string;
  subject: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  last_error: string;
  sent_at: string | null;
}

export type Delivery = OutboxMessage;

export interface AlarmOverviewRow extends Alarm {
  phone: string;
  deliveries: Delivery[];
}

export interface AlarmOverview {
  outside_channels: { email: boolean; sms: boolean };
  items: AlarmOverviewRow[];
}

export interface Incident {
  id: number;
  version: number;
  number: string;
  title: string;
  playbook_id: string;
  status: string;
  stage: number;
  exercise: boolean;
  activated_at: string;
  practice_agbs: string[];
  open_tasks: number;
  overdue_tasks: number;
  unacknowledged_alarms: number;
  office_hours: boolean;
  decides: { who: string; organisation: string; source: string };
  now: string;
  tasks?: Task[];
  log?: LogEntry[];
  picture?: SharedPicture | null;
  alarms?: Alarm[];
  evaluation?: EvaluationPoint[];
  ends_at: string | null;
}

export interface Draft {
  audience: string;
  channel: string;
  responsible: string;
  text: string;
  source: string;
}

export const incidentsApi = {
  drafts: (id: number) => api.get<{ items: Draft[] }>(`/incidents/${id}/drafts`),
  playbooks: () => api.get<{ items: PlaybookSummary[] }>("/playbooks"),
  list: () => api.get<{ items: Incident[]; outside_channels: AlarmOverview["outside_channels"] }>("/incidents"),
  alarms: (id: number) => api.get<AlarmOverview>(`/incidents/${id}/alarms`),
  get: (id: number) => api.get<Incident>(`/incidents/${id}`),
  // activated_at: the real start (UTC ISO) when it began on paper; empty = now.
  start: (playbook_id: string, practice_agbs: string[], exercise: boolean, area = "", activated_at = "") =>
    api.post<Incident>("/incidents", { playbook_id, practice_agbs, exercise, area, activated_at: activated_at || null }),
  acknowledge: (incident: number, alarm: number) => api.post<Incident>(`/incidents/${incident}/alarms/${alarm}/acknowledge`, {}),
  acknowledgeByToken: (token: string) =>
    api.post<{ incident_number: string; role_label: string; person_name: string }>("/alarm-acknowledgements", { token }),
  handOver: (incident: number, role_code: string, person_code: string, reason: string) =>
    api.post<Incident>(`/incidents/${incident}/handover`, { role_code, person_code, reason }),
  evaluate: (incident: number, point: string, finding: string, action: string) =>
    api.put<Incident>(`/incidents/${incident}/evaluation`, { point, finding, action }),
  messages: (incident: number) => api.get<{ items: OutboxMessage[] }>(`/incidents/${incident}/messages`),
  paper: (incident: number, record: PaperRecord) => api.post<Incident>(`/incidents/${incident}/paper`, record),
  closeTask: (incident: number, task: Task, how: "done" | "not-applicable", note: string) =>
    api.post<Incident>(`/incidents/${incident}/tasks/${task.id}/${how}`, { note }, task.version),
  log: (incident: number, entry: { kind: string; text: string; decided_by?: string; acted_by?: string }) =>
    api.post<Incident>(`/incidents/${incident}/log`, entry),
  addTask: (incident: number, text: string, owner_role: string, owner_person_code: string, deadline: string) =>
    api.post<Incident>(`/incidents/${incident}/tasks`, { text, owner_role, owner_person_code, deadline }),
  reopen: (incident: number, task: Task, reason: string) =>
    api.post<Incident>(`/incidents/${incident}/tasks/${task.id}/reopen`, { reason }, task.version),
  assign: (incident: number, task: Task, person_code: string) =>
    api.post<Incident>(`/incidents/${incident}/tasks/${task.id}/assign`, { person_code }, task.version),
  picture: (incident: number, version: number, fields: Record<string, string>) =>
    api.post<Incident>(`/incidents/${incident}/picture`, fields, version),
  // `version`: the incident's version as the board shows it (If-Match; 412 when stale).
  status: (incident: Incident, status: string, reason: string) =>
    api.post<Incident>(`/incidents/${incident.id}/status`, { status, reason }, incident.version),
  stage: (incident: Incident, stage: number, reason: string) =>
    api.post<Incident>(`/incidents/${incident.id}/stage`, { stage, reason }, incident.version),
};
