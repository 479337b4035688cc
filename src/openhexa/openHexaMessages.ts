/**
 * What the OpenHEXA instance kind says, in English; each is its own key in
 * l10n/bundle.l10n.*.json, with {0}, {1} filled by the VS Code layer.
 */
export const O = {
  tokenRefused:
    'OpenHEXA at {0} did not accept the access token: it may have expired or been revoked. Create a new one in OpenHEXA (Account settings › Access tokens, or a workspace\'s "Get a token" as an editor or admin) and sign in again',
  notOpenHexa: '{0} did not answer as an OpenHEXA API ({1}): give the API\'s address, such as https://api.openhexa.org',
  httpStatus: 'OpenHEXA at {0} answered with HTTP {1}: try again later, or check the address',
  apiError: 'OpenHEXA at {0} refused the request: {1}',
  unexpectedAnswer: 'OpenHEXA at {0} answered in a shape this extension does not know ({1}): it may run a version this extension was not built for',
  noWorkspace: 'OpenHEXA has no workspace "{0}" that you may see',
  permissionDenied: 'OpenHEXA says your role in {0} does not allow this',
  viewerNoCredentials:
    "OpenHEXA gives a workspace database's credentials to its editors and admins only: as a viewer of {0}, you cannot reach the database itself from VS Code (previews read through OpenHEXA's API instead)",
  connectionSlugTaken: 'OpenHEXA refused the connection\'s identifier "{0}": use lowercase letters, digits and hyphens',
  tableNotFound: 'OpenHEXA has no table "{0}" in {1}',
  badServerUrl: 'The address {0} is not an http:// or https:// URL',
  insecureServerUrl: 'The address {0} uses http://, so your token would cross the network unencrypted: use https:// (plain http:// is accepted for this computer only: localhost, 127.0.0.1)',
  testPassed: 'OpenHEXA reached it with these values (tested from OpenHEXA\'s servers, not this computer)',
  testFailed: 'OpenHEXA could not reach it with these values (tested from OpenHEXA\'s servers): {0}',
  apiNoFilters: 'Filters and going to a value need the workspace database itself: OpenHEXA gives its credentials to editors and admins only, and its API pages a table without them',
  apiNoExactCount: 'OpenHEXA\'s API gives this table\'s row count as an estimate (about {0} rows): an exact count needs the workspace database itself',
  apiExportCancelled: 'Export cancelled',
  noConnection: 'OpenHEXA has no connection "{0}" in {1}',
  databaseHostRefused: 'OpenHEXA at {0} handed out credentials for a database at "{1}", which is not a host and port this extension connects to: nothing was sent there. Tell the instance\'s administrators',
  databaseOnThisComputer:
    'OpenHEXA at {0} handed out credentials for a database on this computer ({1}): refused, since they would log in to your own PostgreSQL. Tell the instance\'s administrators',
} as const;

export type OpenHexaMessage = (typeof O)[keyof typeof O];
