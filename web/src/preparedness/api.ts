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
  // A secret address for agenda apps (which cannot log in); a new one replaces the old.
  newFeed: () => api.post<{ path: string }>("/preparedness/feed", {}),
  endFeed: () => api.delete("/preparedness/feed"),
};
