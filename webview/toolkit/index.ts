// The only folder that knows the controls' library (@vscode/webview-ui-toolkit,
// archived upstream in January 2025): its tags, properties and timing. Apps
// build controls through these factories and style them by the classes they
// set; media/toolkit.css holds what is specific to the library. Moving to
// another library (e.g. @vscode-elements/elements) touches this folder and
// that stylesheet only.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeRadio,
  vsCodeRadioGroup,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { h } from '../shared/dom';

type Attrs = Record<string, string | boolean | undefined>;

let registered = false;

/** Defines the controls' custom elements; once per webview, before any control is made. */
export function registerControls(): void {
  if (registered) {
    return;
  }
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeRadio(),
    vsCodeRadioGroup(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}

export interface ButtonOptions {
  /** The page's one main action; everything else is secondary. */
  readonly primary?: boolean;
  readonly attrs?: Attrs;
}

/** A button (class `control control-button`). */
export function button(label: string, onClick: () => void, options: ButtonOptions = {}): HTMLElement {
  const el = h('vscode-button', { class: 'control control-button', appearance: options.primary ? 'primary' : 'secondary', ...options.attrs }, label);
  el.addEventListener('click', onClick);
  return el;
}

export interface TextFieldOptions {
  /** The field's label and accessible name. */
  readonly label: string;
  /** Where the design shows no label (a placeholder instead): still read by screen readers. */
  readonly hideLabel?: boolean;
  readonly value?: string;
  readonly attrs?: Attrs;
}

/**
 * A one-line text field (class `control control-text`). Its label is its
 * content: the library replaces any aria-label with that text on connect
 * (with "Text field" when there is none). Its initial value is an
 * attribute: no timing games.
 */
export function textField(options: TextFieldOptions): HTMLElement {
  const attrs: Attrs = {
    ...options.attrs,
    class: `control control-text${options.hideLabel ? ' control-label-hidden' : ''}`,
    ...(options.value !== undefined ? { value: options.value } : {}),
  };
  return h('vscode-text-field', attrs, options.label);
}

export interface TextAreaOptions extends TextFieldOptions {
  readonly rows?: number;
  /** Typed characters show as dots (a pasted key file), as a password field's would. */
  readonly masked?: boolean;
}

/** A multi-line text field (class `control control-textarea`), labelled like a text field. */
export function textArea(options: TextAreaOptions): HTMLElement {
  const attrs: Attrs = {
    ...options.attrs,
    class: `control control-textarea${options.masked ? ' control-masked' : ''}${options.hideLabel ? ' control-label-hidden' : ''}`,
    rows: String(options.rows ?? 4),
    resize: 'vertical',
    ...(options.value !== undefined ? { value: options.value } : {}),
  };
  return h('vscode-text-area', attrs, options.label);
}

/** A check box (class `control control-checkbox`); its label is its content. */
export function checkbox(label: string, checked: boolean, attrs: Attrs = {}): HTMLElement {
  return h('vscode-checkbox', { class: 'control control-checkbox', ...(checked ? { checked: true } : {}), ...attrs }, label);
}

/** Whether a check box is ticked. */
export function isChecked(element: Element | null): boolean {
  return Boolean(element && 'checked' in element && (element as { checked: unknown }).checked);
}

/** A drop-down (class `control control-select`); `value` selects its option from the start. */
export function select(options: readonly { value: string; label: string }[], value: string | undefined, attrs: Attrs = {}): HTMLElement {
  return h(
    'vscode-dropdown',
    { class: 'control control-select', ...attrs },
    ...options.map((o) => h('vscode-option', { value: o.value, ...(o.value === value ? { selected: true } : {}) }, o.label)),
  );
}

/** A group of radio buttons with its label (class `control control-radios`). */
export function radioGroup(label: string, options: readonly { value: string; label: string; checked?: boolean; disabled?: boolean }[], attrs: Attrs = {}): HTMLElement {
  return h(
    'vscode-radio-group',
    { class: 'control control-radios', orientation: 'vertical', ...attrs },
    h('label', { slot: 'label' }, label),
    ...options.map((o) => h('vscode-radio', { value: o.value, checked: o.checked, disabled: o.disabled }, o.label)),
  );
}

/** A small spinner for work in progress (decorative: say what runs in text beside it). */
export function progressRing(): HTMLElement {
  return h('vscode-progress-ring', { class: 'control-progress', 'aria-hidden': 'true' });
}

export function divider(): HTMLElement {
  return h('vscode-divider', { class: 'control-divider' });
}

/** The value of a control (text field, drop-down, radio group). */
export function valueOf(element: Element | null): string {
  return element && 'value' in element ? String((element as { value: unknown }).value ?? '') : '';
}

export function setValue(element: Element | null, value: string): void {
  if (element && 'value' in element) {
    (element as { value: string }).value = value;
  }
}

export function setDisabled(element: Element | null, disabled: boolean): void {
  if (element) {
    element.toggleAttribute('disabled', disabled);
  }
}

/** Marks a control invalid (or not) for its style and for screen readers. */
export function setInvalid(element: Element, invalid: boolean): void {
  element.toggleAttribute('aria-invalid', invalid);
}

/** Moves focus into a control just added to the page (the library renders its inner input a frame later). */
export function focusControl(element: HTMLElement | null): void {
  requestAnimationFrame(() => element?.focus());
}
