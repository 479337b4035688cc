import type { ServerProfile } from '../../core/serverProfile';
import type { RunRecord } from '../../postgres/savedQueries/historyCalls';
import { logRun } from '../../postgres/savedQueries/historyCalls';
import type { Services } from '../../platform/services';

/**
 * Logs a run that reached the server in the member's history, on the
 * catalog's connection once the run has ended: the run's own connection
 * pays nothing, and the row is committed whatever the run's transaction
 * did. A failure is logged, never shown: the run itself went well or not.
 */
export function keepInHistory(services: Services, profile: ServerProfile, slug: string, record: RunRecord): void {
  services.sessions.catalog(profile, (c) => logRun(c, slug, record)).catch((err: unknown) => {
    services.log.warn(`A run on ${slug} was not written to your query history: ${err instanceof Error ? err.message : String(err)}`);
  });
}
