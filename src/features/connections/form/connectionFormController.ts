import { type ConnectionDraft, type DraftContext, draftFields, draftProblems, type DraftProblems, valuesForTest } from '../../../core/connections/connectionDraft';
import type { OtherConnection } from '../../../core/connections/identifier';
import type { ConnectionField } from '../../../core/connections/connectionType';
import type { ConnectionTypeId } from '../../../core/connections/types';
import type { Logger, Translate } from '../../../core/logger';
import type { Said } from '../../../core/said';
import { CatalogError } from '../../../postgres/catalog/catalogError';
import type { ConnectionAccess, ConnectionEdit, ConnectionSummary, NewConnection, StoredField } from '../../../postgres/connections/connectionCalls';
import { connectionFormToHostSchema, type ConnectionFormToHost, type ConnectionFormToWebview, type FormConnection, type FormMode } from '../../../protocol/connectionForm';
import { connectionFormStrings } from '../../../protocol/connectionFormStrings';
import type { TestOutcome } from '../../../testers/testOutcome';

/** The workspace and connection a form is about. */
export interface ConnectionFormTarget {
  readonly mode: FormMode;
  readonly workspace: { readonly name: string; readonly slug: string };
  /** The connection (edit, view). */
  readonly identifier?: string;
  /** The type a new connection starts with. */
  readonly initialType?: ConnectionTypeId;
  /** Admins viewing may switch to editing. */
  readonly canEdit: boolean;
}

/** What the controller needs from outside: the catalog, the testers, the editor. The panel passes VS Code's; tests pass their own. */
export interface ConnectionFormDeps {
  post(message: ConnectionFormToWebview): void;
  readonly t: Translate;
  readonly log: Logger;
  /** What to tell the user about a failure that is not the catalog's refusal (a lost server, a refused login), secrets masked. */
  explain(err: unknown): string;
  list(): Promise<ConnectionSummary[]>;
  /** The fields with secrets masked (no audit: no secret leaves the server). */
  fields(identifier: string): Promise<StoredField[]>;
  /** Every value, secrets included; each call is its own audit record. */
  values(identifier: string, access: ConnectionAccess): Promise<ConnectionField[]>;
  create(connection: NewConnection): Promise<string>;
  update(identifier: string, edit: ConnectionEdit): Promise<void>;
  /** undefined when the type has no tester (custom). */
  test(type: ConnectionTypeId, values: Readonly<Record<string, string>>, signal: AbortSignal): Promise<TestOutcome | undefined>;
  copyEnv(identifier: string): Promise<void>;
  /** Asks for the new identifier and warns what breaks; the new one, or undefined when the admin gave up. */
  changeIdentifier(identifier: string): Promise<string | undefined>;
  /** After a save: refresh, tell, close. `proposed` differs from `identifier` when the server added a suffix. */
  saved(result: { identifier: string; proposed: string; name: string; created: boolean }): void;
  /** Opens the same connection for editing. */
  edit(identifier: string): void;
  close(): void;
}

/**
 * The connection form, as messages in and out. Secrets stay on the server:
 * the form gets whether each is set, an edit that leaves one alone sends no
 * value for it, and only a reveal (view mode, audited) sends one here.
 */
export class ConnectionFormController {
  private identifier: string | undefined;
  /** Codes with a stored value: what a field sent without a value keeps. */
  private stored = new Set<string>();
  /** Codes stored as secrets. */
  private storedSecrets = new Set<string>();
  /** The workspace's other connections (a name or identifier they have is refused). */
  private others: OtherConnection[] = [];
  private testRun: AbortController | undefined;
  private type: ConnectionTypeId | undefined;

  constructor(
    private readonly deps: ConnectionFormDeps,
    private readonly target: ConnectionFormTarget,
  ) {
    this.identifier = target.identifier;
  }

  get currentIdentifier(): string | undefined {
    return this.identifier;
  }

  /** A message from the webview, checked against the protocol; anything else is ignored and logged. */
  async receive(raw: unknown): Promise<void> {
    const parsed = connectionFormToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn('Connection form: ignored a malformed message');
      return;
    }
    const message = parsed.data;
    try {
      await this.handle(message);
    } catch (err) {
      this.deps.log.error(`Connection form (${this.target.workspace.slug})`, err);
      const text = this.describe(err);
      if (message.type === 'save') {
        this.deps.post({ type: 'saveFailed', problems: {}, message: text });
      } else if (message.type === 'test') {
        this.deps.post({ type: 'testResult', ok: false, text });
      } else {
        this.deps.post({ type: 'notice', text, error: true });
      }
    }
  }

  private async handle(message: ConnectionFormToHost): Promise<void> {
    const { mode } = this.target;
    switch (message.type) {
      case 'ready':
        await this.init();
        return;
      case 'test':
        await this.test(message.draft);
        return;
      case 'cancelTest':
        this.testRun?.abort();
        return;
      case 'save':
        if (mode === 'view') {
          this.deps.log.warn('Connection form: a read-only view asked to save; ignored');
          return;
        }
        await this.save(message.draft);
        return;
      case 'reveal': {
        if (mode !== 'view' || !this.identifier) {
          this.deps.log.warn('Connection form: a reveal outside the read-only view; ignored');
          return;
        }
        const field = (await this.deps.values(this.identifier, 'reveal')).find((f) => f.code === message.code);
        this.deps.log.info(`Revealed field ${message.code} of connection ${this.identifier} (${this.target.workspace.slug})`);
        this.deps.post({ type: 'revealed', code: message.code, value: field?.value ?? '' });
        return;
      }
      case 'copyEnv':
        if (this.identifier) {
          await this.deps.copyEnv(this.identifier);
        }
        return;
      case 'changeIdentifier': {
        if (mode !== 'edit' || !this.identifier) {
          return;
        }
        const next = await this.deps.changeIdentifier(this.identifier);
        if (next) {
          this.identifier = next;
          this.deps.post({ type: 'identifierChanged', identifier: next });
        }
        return;
      }
      case 'edit':
        if (this.target.canEdit && this.identifier) {
          this.deps.edit(this.identifier);
        }
        return;
      case 'close':
        this.deps.close();
        return;
    }
  }

  private async init(): Promise<void> {
    const { t, post } = this.deps;
    const list = await this.deps.list();
    this.others = list.filter((c) => c.identifier !== this.identifier).map((c) => ({ identifier: c.identifier, name: c.name }));
    let connection: FormConnection | undefined;
    if (this.identifier) {
      const summary = list.find((c) => c.identifier === this.identifier);
      if (!summary) {
        throw new CatalogError('notFound', t('The workspace "{0}" has no connection "{1}".', this.target.workspace.name, this.identifier));
      }
      const fields = await this.deps.fields(this.identifier);
      this.stored = new Set(fields.filter((f) => !f.secret || f.isSet).map((f) => f.code));
      this.storedSecrets = new Set(fields.filter((f) => f.secret).map((f) => f.code));
      this.type = summary.type;
      connection = { identifier: summary.identifier, name: summary.name, type: summary.type, description: summary.description, fields };
    }
    post({
      type: 'init',
      strings: Object.fromEntries(connectionFormStrings().map((s) => [s, t(s)])),
      mode: this.target.mode,
      workspace: this.target.workspace.name,
      ...(connection ? { connection } : {}),
      initialType: this.target.initialType ?? 'postgresql',
      others: this.others,
      canEdit: this.target.canEdit,
    });
  }

  private say(said: Said): string {
    return this.deps.t(said.text, ...said.args);
  }

  private translated(problems: DraftProblems): Record<string, string> {
    return Object.fromEntries(Object.entries(problems).map(([key, said]) => [key, this.say(said!)]));
  }

  /** The draft's type, fixed once a connection exists whatever the webview says. */
  private checkedDraft(draft: ConnectionDraft): ConnectionDraft {
    return this.type ? { ...draft, type: this.type } : draft;
  }

  private async test(given: ConnectionDraft | undefined): Promise<void> {
    const { post, log } = this.deps;
    let type: ConnectionTypeId;
    let values: Record<string, string>;
    if (given === undefined || this.target.mode === 'view') {
      if (!this.identifier || !this.type) {
        return;
      }
      type = this.type;
      values = Object.fromEntries((await this.deps.values(this.identifier, 'test')).map((f) => [f.code, f.value]));
    } else {
      const draft = this.checkedDraft(given);
      const fieldProblems = Object.fromEntries(Object.entries(draftProblems(draft, this.context())).filter(([key]) => /^(field|code|value):/.test(key)));
      if (Object.keys(fieldProblems).length > 0) {
        post({ type: 'saveFailed', problems: this.translated(fieldProblems), message: this.deps.t('Fix the highlighted fields first.') });
        return;
      }
      type = draft.type;
      // Only what the form keeps is read from the server, and that read is recorded.
      const keeps = this.identifier !== undefined && draftFields(draft, this.stored).some((f) => f.value === undefined);
      values = valuesForTest(draft, keeps && this.identifier ? await this.deps.values(this.identifier, 'test') : []);
    }
    this.testRun?.abort();
    const run = new AbortController();
    this.testRun = run;
    post({ type: 'busy', what: 'test' });
    const outcome = await this.deps.test(type, values, run.signal);
    if (this.testRun === run) {
      this.testRun = undefined;
    }
    if (!outcome) {
      post({ type: 'testResult', ok: false, text: this.deps.t('A custom connection has no service to test: its fields can hold anything.') });
      return;
    }
    if (run.signal.aborted) {
      post({ type: 'testCancelled' });
      return;
    }
    const where = this.identifier ?? `new ${type} connection`;
    if (outcome.ok) {
      log.info(`Test of ${where} (${this.target.workspace.slug}) from the form passed`);
      post({ type: 'testResult', ok: true, text: this.say(outcome.said) });
    } else {
      log.warn(`Test of ${where} (${this.target.workspace.slug}) from the form failed: ${outcome.said.text}`);
      post({ type: 'testResult', ok: false, text: this.say(outcome.said), ...(outcome.detail ? { detail: outcome.detail } : {}) });
    }
  }

  private context(): DraftContext {
    return { creating: this.target.mode === 'create', stored: this.stored, storedSecrets: this.storedSecrets, others: this.others };
  }

  private async save(given: ConnectionDraft): Promise<void> {
    const { post, log, t } = this.deps;
    const draft = this.checkedDraft(given);
    const problems = draftProblems(draft, this.context());
    if (Object.keys(problems).length > 0) {
      post({ type: 'saveFailed', problems: this.translated(problems), message: t('Fix the highlighted fields first.') });
      return;
    }
    post({ type: 'busy', what: 'save' });
    const fields = draftFields(draft, this.stored);
    const name = draft.name.trim();
    if (this.target.mode === 'create') {
      const identifier = await this.deps.create({
        identifier: draft.identifier,
        name,
        type: draft.type,
        description: draft.description,
        fields: fields.map((f) => ({ code: f.code, secret: f.secret, value: f.value ?? '' })),
      });
      log.info(`Created connection ${identifier} (${draft.type}) in ${this.target.workspace.slug}`);
      this.deps.saved({ identifier, proposed: draft.identifier, name, created: true });
      return;
    }
    if (!this.identifier) {
      return;
    }
    await this.deps.update(this.identifier, { name, description: draft.description, fields });
    log.info(`Updated connection ${this.identifier} in ${this.target.workspace.slug} (kept: ${fields.filter((f) => f.value === undefined).map((f) => f.code).join(', ') || 'none'})`);
    this.deps.saved({ identifier: this.identifier, proposed: this.identifier, name, created: false });
  }

  /** A failure said so the user knows what to do; the server's own words for what it refused. */
  private describe(err: unknown): string {
    const { t } = this.deps;
    if (err instanceof CatalogError) {
      return err.kind === 'notAllowed' ? t('The server refused: {0}. Your role in the workspace may have changed: refresh the Workspaces view.', err.message) : t('The server refused: {0}', err.message);
    }
    return this.deps.explain(err);
  }

  /** The panel closed: stop a running test. */
  dispose(): void {
    this.testRun?.abort();
  }
}
