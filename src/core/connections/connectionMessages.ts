/**
 * What the connection rules say, in English; each is its own key in
 * l10n/bundle.l10n.*.json, {0}, {1} filled where it is shown (the form, the
 * VS Code layer). A unit test checks each has a French translation and that
 * the form sends each to its webview.
 */
export const C = {
  // A connection
  nameRequired: 'Give the connection a name',
  nameTooLong: 'A connection name has at most 40 characters',
  descriptionTooLong: 'A description has at most 2000 characters',
  identifierEmpty: 'Give an identifier: the name has no letter or digit to make one from',
  identifierTooLong: 'An identifier has at most 40 characters',
  identifierDigit: 'The identifier starts with a digit, and so would its environment variables ({0}_…), which shells refuse: start it with a letter',
  identifierChars: 'An identifier has only a-z, 0-9 and single hyphens between them (e.g. my-db)',
  identifierReservedEnv: "Its variable {0} is read by {1}: a connection must not set it on members' machines. Choose another identifier",
  identifierTaken: 'Already used in this workspace: saving adds a short suffix (e.g. {0})',
  identifierMixes: 'The OpenHEXA SDK would mix the variables of {0} with those of {1} (one\'s prefix starts the other\'s): choose another identifier, e.g. {2}',
  nameTaken: 'Another connection of this workspace is named "{0}" ({1}): choose another name',
  identifierSame: 'This is the current identifier',
  // Fields
  required: 'Required',
  tooManyFields: 'A connection has at most {0} fields',
  codeEmpty: 'Give the field a code',
  codeChars: 'A code has only letters, digits, _ and -',
  codeTooLong: 'A code has at most 30 characters',
  codeReserved: '"{0}" is reserved: choose another code',
  codeTwice: '"{0}" is used twice',
  codeReservedEnv: "\"{0}\" makes the variable {1}, read by {2}: a connection must not set it on members' machines. Choose another code",
  secretMadePlain: 'To make a secret field plain, type its value again (the stored secret is never shown to do it)',
  codeSameEnv: '"{0}" makes the same environment variable as "{1}" (…_{2}): choose another code',
  // Values
  valueTooLong: 'At most 100000 characters',
  valueNul: 'A value cannot hold a NUL character',
  host: 'A host name or address only, with no scheme, path or spaces (e.g. db.example.org)',
  port: 'A port is a whole number from 1 to 65535',
  httpUrl: 'An http:// or https:// address, with no user name or password in it (e.g. https://play.dhis2.org/40)',
  jsonObject: 'Paste the whole JSON file: it must be one JSON object',
  sslmode: 'One of disable, allow, prefer, require, verify-ca, verify-full',
  dhis2Api: 'The instance address without /api at the end (e.g. https://play.dhis2.org/40)',
  dhis2Token: 'A DHIS2 personal access token starts with d2pat_',
  s3Bucket: 'A bucket name has 3 to 63 lower-case letters, digits, dots or hyphens',
  gcsBucket: 'A bucket name has 3 to 63 lower-case letters, digits, dots, _ or -',
  gcsKey: 'A service account key file has "type": "service_account", client_email, private_key and token_uri',
} as const;

export type ConnectionMessage = (typeof C)[keyof typeof C];
