import type { SopRef } from '@meritflow/domain';
import type { PendingTask } from './selection.contract';

/**
 * The HTTP shapes the web console reads (case list, inbox, inbox counts), declared once here so the
 * console imports them instead of re-declaring them. The API's presenters answer these shapes.
 */

/** One row of `GET /v1/cases` (the ledger's case projection). */
export interface CaseListItem {
  workflowId: string;
  runId: string;
  caseType: string;
  agencyCode: string;
  positionCode: string;
  title: string;
  status: string;
  step: string;
  sop: SopRef;
  details: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

/** The fields the case list sorts by (`sort=<field>:<asc|desc>`). */
export type CaseListSortField = 'createdAt' | 'updatedAt' | 'caseId' | 'title' | 'caseType' | 'agencyCode' | 'step' | 'status';

/** `GET /v1/cases?q=&caseType=&agencyCode=&step=&status=&from=&to=&sort=<field>:<asc|desc>&page=&pageSize=`. */
export interface CaseListQuery {
  /** Searches case id, title and subject. */
  q?: string;
  caseType?: string;
  agencyCode?: string;
  step?: string;
  status?: string;
  /** Opening date from / to, ISO dates (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
  /** `<field>:<asc|desc>`. */
  sort?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface CaseListPage {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /v1/inbox/counts`: the caller's open tasks over every open case in scope, in all and per case type. */
export interface InboxCounts {
  total: number;
  overdue: number;
  byCaseType: Record<string, { total: number; overdue: number }>;
  /** True only when some case's state could not be read just now (`unavailableCases` says how many). */
  truncated?: boolean;
  /** Open cases whose state could not be read (their tasks are left out of the counts). */
  unavailableCases?: number;
  /** Open cases whose state was read from the workflow in this call (the others had not changed). */
  refreshedCases?: number;
  generatedAt?: string;
}

/** `GET /v1/inbox?limit=&offset=&caseType=&overdue=`: one page of the caller's tasks. */
export interface InboxQuery {
  /** 1–200, default 50. */
  limit?: number;
  /** 0-based position of the page's first task. */
  offset?: number;
  /** A root case type of the registry. */
  caseType?: string;
  /** Only overdue tasks (true) or only tasks not overdue (false). */
  overdue?: boolean;
}

/**
 * A pending task; `options` lists every decision that settles it, where there is a choice;
 * `startsCaseType` marks a task to open a new case of that type (from the case's follow-ups).
 */
export type InboxPendingTask = PendingTask & { options?: string[]; startsCaseType?: string };

export interface InboxTaskView extends InboxPendingTask {
  caseId: string;
  caseType: string;
  agencyCode: string;
  title: string;
  step: string;
  /** True when dueAt has passed. */
  overdue: boolean;
}

export interface InboxCaseView {
  caseId: string;
  caseType: string;
  agencyCode: string;
  title: string;
  step: string;
  status: string;
  sop: SopRef;
  updatedAt: string;
  pendingTasks: (InboxPendingTask & { overdue: boolean })[];
  /** The case's state could not be read just now (its tasks are then unknown). */
  unavailable?: boolean;
}

/**
 * `GET /v1/inbox`: one page of the caller's tasks, most urgent first, over every open case in scope;
 * `total` tasks match the filters. `cases` holds the cases of the page's tasks, then the most recently
 * active other open cases, at most `limit` in all (`openCases` counts them all).
 */
export interface InboxView {
  actor: { id: string; role: string; agency?: string; actingFor?: string };
  generatedAt: string;
  tasks: InboxTaskView[];
  total: number;
  limit: number;
  offset: number;
  cases: InboxCaseView[];
  openCases: number;
  /** True only when some case's state could not be read just now (`unavailableCases` says how many). */
  truncated: boolean;
  unavailableCases: number;
  /** Open cases whose state was read from the workflow in this call (the others had not changed). */
  refreshedCases: number;
}
