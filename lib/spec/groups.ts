/** The group keys every agency has: each gets roles on the agency's project at every site. */
export const AGENCY_GROUPS = ["admins", "operators", "auditors"] as const;
export type AgencyGroup = (typeof AGENCY_GROUPS)[number];
