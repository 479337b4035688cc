import { C } from '../core/connections/connectionMessages';
import { CONNECTION_TYPES } from '../core/connections/types';

/** Every English string the connection form's own code shows; sent translated in `init`. */
export const CONNECTION_FORM_STRINGS = [
  'New connection in {0}',
  '{0}: {1}',
  'Edit connection: {0}',
  'Connection: {0}',
  'Credentials of an external system the workspace relies on. Editors and admins can read the values; viewers see only the name, type and description.',
  'Type',
  'Name',
  'Identifier',
  'Description (optional)',
  'Fields',
  '(optional)',
  'Environment variables: {0}, {0}_…',
  'Fixed once saved: notebooks and environment variables use it.',
  'Change identifier…',
  'Stored, unchanged',
  'Replace',
  'Replace the value to rename this field',
  'Clear',
  'Keep the stored value',
  'Removed when you save',
  'Undo',
  'Not set',
  'Reveal',
  'Hide',
  'Code',
  'Value',
  'Secret',
  'Move up',
  'Move down',
  'Remove',
  'Add field',
  'Field {0}',
  'No fields yet: add one for each value your code needs (an API token, a base URL…).',
  'Save',
  'Test connection',
  'Cancel test',
  'Cancel',
  'Copy environment variables',
  'Edit',
  'Close',
  'Testing…',
  'Saving…',
  'Test passed',
  'Test failed',
  'Test cancelled',
  'Fix the highlighted fields first.',
  'Each reveal is recorded in the workspace audit log.',
  'Stored secrets never come to this form: leave them unchanged, or replace or clear them.',
  'A custom connection has no service to test: its fields can hold anything.',
] as const;

/** What the form shows: its own strings, the rules' messages, and each type's label and each field's label and help. */
export function connectionFormStrings(): string[] {
  const registry = Object.values(CONNECTION_TYPES).flatMap((type) => [type.label, ...type.fields.flatMap((f) => [f.label, ...(f.help ? [f.help] : [])])]);
  return [...new Set([...CONNECTION_FORM_STRINGS, ...Object.values(C), ...registry])];
}
