import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The custom search attributes every root case keeps up to date, so cases can be listed in the
 * Temporal Web UI and through visibility queries (`MeritflowAgency = 'PEMKAB-SLEMAN' AND
 * MeritflowStatus = 'open'`). The API still lists from the PostgreSQL read model; these serve
 * operators. Each is a Keyword: exact match, and cheap on every visibility store.
 *
 * Every Temporal server meritflow runs on must have them registered: the dev server through
 * `--search-attribute` (libs/devstack), the real server through
 * `docker/temporal/create-namespace.sh` (cluster mode and docker/ alike).
 */
export const CASE_SEARCH_ATTRIBUTES = {
  caseType: defineSearchAttributeKey('MeritflowCaseType', SearchAttributeType.KEYWORD),
  agency: defineSearchAttributeKey('MeritflowAgency', SearchAttributeType.KEYWORD),
  step: defineSearchAttributeKey('MeritflowStep', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('MeritflowStatus', SearchAttributeType.KEYWORD),
} as const;

/** Name and type of each, as the server's registration wants them (`Name=Keyword`). */
export const CASE_SEARCH_ATTRIBUTE_REGISTRATIONS: readonly { name: string; type: 'Keyword' }[] = Object.values(CASE_SEARCH_ATTRIBUTES).map(
  (key) => ({ name: key.name, type: 'Keyword' as const }),
);

/**
 * The patch id that guards the upserts: runs recorded before them (workflows/test/histories) replay
 * without the commands, and runs started since carry a marker and the upserts.
 */
export const SEARCH_ATTRIBUTES_PATCH = 'search-attributes';
