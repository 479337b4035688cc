/**
 * What the connection form holds, without its DOM: the connection's own
 * inputs, each type's fields (switching types and back keeps what was
 * typed), the custom-field editor's rows, what the user has touched, and the
 * draft and problems that follow. Stored secrets never reach the form: a field
 * holding one is "keep" until the admin replaces or clears it.
 */
import {
  CONNECTION_TYPES,
  draftProblems,
  identifierFromName,
  MAX_FIELDS,
  suggestIdentifier,
  type ConnectionDraft,
  type ConnectionTypeId,
  type DraftProblems,
  type FormConnection,
  type FormMode,
  type OtherConnection,
} from '../../../src/protocol/connectionForm';

/**
 * A field as the form holds it. A stored secret starts as "keep": its value
 * never came here, and the draft sends none, so the server keeps it. The
 * admin may "type" a new one or "clear" it.
 */
export interface FieldState {
  /** Stable across reordering, for focus and touched marks. */
  readonly key: number;
  code: string;
  secret: boolean;
  /** A value is stored on the server under this code. */
  readonly stored: boolean;
  action: 'type' | 'keep' | 'clear';
  value: string;
  /** View mode, after an audited reveal. */
  revealed?: string;
}

/** What the host says the form opens on. */
export interface FormStart {
  readonly mode: FormMode;
  readonly workspace: string;
  readonly others: OtherConnection[];
  readonly canEdit: boolean;
  readonly connection?: FormConnection;
  readonly initialType: ConnectionTypeId;
}

export class ConnectionFormState {
  mode: FormMode = 'create';
  workspace = '';
  connection: FormConnection | undefined;
  type: ConnectionTypeId = 'postgresql';
  name = '';
  identifier = '';
  description = '';
  others: OtherConnection[] = [];
  canEdit = false;
  /** Every problem shows once Save or Test was pressed; before, only those of touched inputs. */
  showAll = false;
  /** The custom type's rows, in the order they are stored. */
  custom: FieldState[] = [];
  /** The identifier follows the name until the admin types one. */
  private identifierEdited = false;
  private nextKey = 1;
  private readonly fixedByType = new Map<ConnectionTypeId, Map<string, FieldState>>();
  private readonly touched = new Set<string>();

  start(message: FormStart): void {
    this.mode = message.mode;
    this.workspace = message.workspace;
    this.others = message.others;
    this.canEdit = message.canEdit;
    this.connection = message.connection;
    const connection = message.connection;
    if (!connection) {
      this.type = message.initialType;
      return;
    }
    this.type = connection.type;
    this.name = connection.name;
    this.description = connection.description;
    const fromStored = (code: string, found: FormConnection['fields'][number]): FieldState =>
      found.secret ? this.field(code, found.isSet, true, '') : this.field(code, true, false, found.value);
    if (this.type === 'custom') {
      this.custom = connection.fields.map((f) => fromStored(f.code, f));
      return;
    }
    this.fixedByType.set(
      this.type,
      new Map(
        CONNECTION_TYPES[this.type].fields.map((def) => {
          const found = connection.fields.find((f) => f.code === def.code);
          return [def.code, found ? fromStored(def.code, found) : this.field(def.code, false, def.secret, '')];
        }),
      ),
    );
  }

  /** What the form proposes from a name: free, and mixing no variables with another connection's. */
  proposedIdentifier(from: string): string {
    return suggestIdentifier(identifierFromName(from), this.others);
  }

  /** The name typed; returns whether the identifier followed it. */
  setName(value: string): boolean {
    this.name = value;
    this.touch('name');
    if (this.mode !== 'create' || this.identifierEdited) {
      return false;
    }
    this.identifier = this.proposedIdentifier(value);
    this.touch('identifier');
    return true;
  }

  setIdentifier(value: string): void {
    this.identifier = value;
    this.identifierEdited = value !== this.proposedIdentifier(this.name);
    this.touch('identifier');
  }

  /** The identifier the connection has, or will have once saved. */
  get currentIdentifier(): string {
    return this.connection?.identifier ?? this.identifier;
  }

  /** Whether the identifier typed is another connection's (the save then adds a suffix). */
  get identifierTaken(): boolean {
    return this.mode === 'create' && this.others.some((o) => o.identifier === this.identifier);
  }

  /** The type's fields as they are now; a type's fields are made once, so going back keeps them. */
  fixedFields(type: ConnectionTypeId = this.type): Map<string, FieldState> {
    let fields = this.fixedByType.get(type);
    if (!fields) {
      fields = new Map(CONNECTION_TYPES[type].fields.map((def) => [def.code, this.field(def.code, false, def.secret, def.defaultValue ?? '')]));
      this.fixedByType.set(type, fields);
    }
    return fields;
  }

  currentFields(): FieldState[] {
    return this.type === 'custom' ? this.custom : [...this.fixedFields().values()];
  }

  /** What Save and Test send: a kept secret sends no value, a cleared one an empty one. */
  draft(): ConnectionDraft {
    return {
      type: this.type,
      name: this.name,
      identifier: this.currentIdentifier,
      description: this.description,
      fields: this.currentFields().map((f) => ({ code: f.code, secret: f.secret, ...(f.action === 'keep' ? {} : { value: f.action === 'clear' ? '' : f.value }) })),
    };
  }

  problems(): DraftProblems {
    const stored = new Set(this.currentFields().filter((f) => f.stored).map((f) => f.code));
    return draftProblems(this.draft(), { creating: this.mode === 'create', stored, others: this.others });
  }

  /** The problem to show under an input now: only once it was touched, or after Save or Test. */
  shown(problems: DraftProblems, key: string): DraftProblems[keyof DraftProblems] | undefined {
    const problem = problems[key as keyof DraftProblems];
    return problem && (this.showAll || this.touched.has(this.touchKey(key))) ? problem : undefined;
  }

  /** The problems that stop Save (all) or Test (the fields' only). */
  blocking(problems: DraftProblems, kind: 'save' | 'test'): string[] {
    return Object.keys(problems).filter((key) => kind === 'save' || /^(field|code|value):/.test(key));
  }

  /** An input was left or typed in. Custom rows are marked by their row, which survives reordering, not their position. */
  touch(key: string): void {
    this.touched.add(this.touchKey(key));
  }

  private touchKey(key: string): string {
    const position = /^(code|value):(\d+)$/.exec(key);
    return position ? `${position[1]}:#${this.custom[Number(position[2])]?.key ?? -1}` : key;
  }

  // ---- A stored secret: keep it, replace it, or clear it

  replace(state: FieldState): void {
    state.action = 'type';
    state.value = '';
  }

  clear(state: FieldState): void {
    state.action = 'clear';
  }

  keep(state: FieldState): void {
    state.action = 'keep';
  }

  // ---- The custom-field editor

  get canAddField(): boolean {
    return this.custom.length < MAX_FIELDS;
  }

  addField(): FieldState {
    const row = this.field('', false, false, '');
    this.custom.push(row);
    return row;
  }

  /** Moves a row up (-1) or down (+1); returns the row moved, or undefined at an end. */
  moveField(at: number, by: number): FieldState | undefined {
    const to = at + by;
    if (to < 0 || to >= this.custom.length) {
      return undefined;
    }
    const [row] = this.custom.splice(at, 1);
    this.custom.splice(to, 0, row!);
    return row;
  }

  /** Removes a row; returns the row that takes its place (or the one before), for focus. */
  removeField(at: number): FieldState | undefined {
    this.custom.splice(at, 1);
    return this.custom[Math.min(at, this.custom.length - 1)];
  }

  /** Marks a row secret or not. A kept secret made plain needs its value typed again: the stored one never reaches the form. */
  setSecret(state: FieldState, secret: boolean): void {
    state.secret = secret;
    if (!secret && state.stored && state.action === 'keep') {
      this.replace(state);
    }
  }

  private field(code: string, stored: boolean, secret: boolean, value: string): FieldState {
    return { key: this.nextKey++, code, secret, stored, action: secret && stored ? 'keep' : 'type', value };
  }
}
