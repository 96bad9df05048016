// /api/v1/preparedness: the preparedness calendar.
import { api } from "../api/client";

export interface PreparednessItem {
  rule_id: string;
  label: string;
  explanation: string;
  scope: "regional" | "practice";
  every_months: number;
  owner: string;
  source: string;
  practice_agb: string;
  practice_name: string;
  subject: string;
  last_done: string | null;
  last_done_by: string;
  evidence: string;
  due: string | null;
  status: "overdue" | "due_this_month" | "upcoming";
  kept_in_registry: boolean;
  exercise_playbook: string | null; // an exercise (OTO) of this playbook
  exercise_incident_id: number | null; // the closed exercise that counts as done
}

export interface PlaybookLesson {
  incident_id: number;
  incident_number: string;
  exercise: boolean;
  playbook_version: number;
  activated_at: string;
  point: string;
  finding: string;
  action: string;
}

export interface PreparednessOverview {
  date: string;
  overdue: number;
  due_this_month: number;
  upcoming: number;
  items: PreparednessItem[];
}

export interface Completion {
  rule_id: string;
  practice_agb: string;
  done_on: string;
  done_by: string;
  evidence: string;
}

export const preparednessApi = {
  overview: () => api.get<PreparednessOverview>("/preparedness"),
  done: (c: Completion) => api.post<{ id: number }>("/preparedness/completions", c),
  icalUrl: "/api/v1/preparedness.ics",
  playbooks: () => api.get<{ items: { id: string; title: string; version: number }[] }>("/playbooks"),
  lessons: (playbook: string) => api.get<{ items: PlaybookLesson[] }>(`/playbooks/${playbook}/lessons`),
  // A secret address for agenda apps (which cannot log in); a new one replaces the old.
  newFeed: () => api.post<{ path: string }>("/preparedness/feed", {}),
  endFeed: () => api.delete("/preparedness/feed"),
};
