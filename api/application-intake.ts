// The start of an application (第四条–第十条), shared by the submission route, a loss report's
// automatic 补发 and the yearly clean-up's REISSUE. Beside complaint-intake.ts, the start of a complaint.
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { ActorRef } from '../domain/contracts/actor';
import type { ApplicationInput } from '../domain/contracts/application';
import { eligibilityOf } from '../store/eligibility-facts';
import { applicationWorkflow, submitted } from '../workflows/application';
import { OrganisationId, ProcessKind } from '../domain/search-attributes';
import type { Deps } from './deps';
import { Problem } from './problem';

/**
 * Checks eligibility (422 with every reason) and starts the application's workflow; returns once the
 * submission is durable. Used by the submission route and by a loss report's automatic 补发.
 */
export async function startApplication(
  deps: Deps,
  claim: { id: string; key: string },
  submittedBy: ActorRef,
  requestId: string,
  a: Pick<
    ApplicationInput,
    'kind' | 'officerId' | 'organisationId' | 'previousCertificateId' | 'reissueReason' | 'note' | 'attachmentIds'
  >,
): Promise<void> {
  const at = new Date();
  const eligibility = (await eligibilityOf(deps.db, {
    officerId: a.officerId,
    agencyId: a.organisationId,
    kind: a.kind,
    previousCertificateId: a.previousCertificateId,
    reissueReason: a.reissueReason,
    at,
    applicationId: claim.id,
  }))!;
  if (!eligibility.eligible) {
    const first = eligibility.refusals[0];
    throw new Problem(
      422,
      'NOT_ELIGIBLE',
      '不符合申领条件',
      `not eligible: ${eligibility.refusals.map((r) => r.code).join(', ') || 'no qualifying basis'}`,
      {
        article: first?.article,
        reasons: eligibility.refusals,
      },
    );
  }
  const workflowId = `application-${claim.id}`;
  await deps.temporal.workflow.executeUpdateWithStart(submitted, {
    updateId: claim.key,
    startWorkflowOperation: new WithStartWorkflowOperation(applicationWorkflow, {
      workflowId,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A closed process is never started again under the same key (its answer is stored).
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [
        {
          ...a,
          applicationId: claim.id,
          workflowId,
          eligibility,
          submittedBy,
          submittedAt: at.toISOString(),
          requestId,
        },
      ],
      typedSearchAttributes: [
        { key: ProcessKind, value: 'application' },
        { key: OrganisationId, value: a.organisationId },
      ],
    }),
  });
}
