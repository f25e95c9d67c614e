// The routes of exam registration (考试申报, 第六条), in the order the API lists them.
import type { RouteSpec } from '../route';
import {
  decideExamRegistration,
  flagFalseDeclaration,
  registerForExam,
  resubmitExamRegistration,
} from './exam-registrations';
import { getExamSession, importExamSessionResults, listExamSessions, publishExamSession } from './exam-sessions';

export const EXAM_ROUTES: RouteSpec[] = [
  publishExamSession,
  listExamSessions,
  getExamSession,
  importExamSessionResults,
  registerForExam,
  resubmitExamRegistration,
  decideExamRegistration,
  flagFalseDeclaration,
];
