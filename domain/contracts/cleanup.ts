// Contract types of the yearly clean-up (第十条): what its activities return to the workflows (types only).
import type { FindingKind } from '../cleanup';

export interface CleanupRunClaim {
  claimed: boolean;
  dueAt: string;
}

export interface AgencyCleanupResult {
  organisationId: string;
  taskId: string;
  status: 'RESOLVED' | 'ESCALATED';
  findings: number;
  open: number;
}

export interface CleanupTotals {
  year: number;
  agencies: number;
  findings: number;
  open: number;
  resolvedTasks: number;
  escalatedTasks: number;
  byKind: Partial<Record<FindingKind, number>>;
  byDistrict: Array<{ regionCode: string; agencies: number; findings: number; open: number; escalatedTasks: number }>;
}
