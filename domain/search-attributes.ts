// Custom search attributes registered on the dev server and set by the API when it starts a
// workflow; they let operators find a process in the Temporal Web UI. People's queries read PostgreSQL.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CertificateNumber = defineSearchAttributeKey('CertificateNumber', SearchAttributeType.KEYWORD);
export const OrganisationId = defineSearchAttributeKey('OrganisationId', SearchAttributeType.KEYWORD);
export const ProcessKind = defineSearchAttributeKey('ProcessKind', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [CertificateNumber, OrganisationId, ProcessKind];
