// Who is a certified holder, in SQL (raw text, for the set-based queries of the clean-up, the
// training warnings and the dashboard): an officer still 在编 (第二条第二款) holding a card of their
// own agency that is not void, replaced, revoked or cancelled — a 暂扣 card still counts (第三十条).
// Aliases: `o` the officer, `c` the certificate.

/** Statuses of a card its holder still holds. */
export const HELD_CARD = `('ACTIVE', 'SUSPENDED')`;

/** JOIN and condition that keep the officers `o` who hold a card `c` of their own agency. */
export const HOLDER_JOIN = `JOIN "Certificate" c ON c."officerId" = o.id AND c."organisationId" = o."organisationId"`;
export const HOLDER_CONDITION = `o."onStaff" AND c.status IN ${HELD_CARD}`;
