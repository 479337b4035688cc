// The only folder that imports @vscode/webview-ui-toolkit (deprecated
// upstream): swapping it for other controls touches this folder alone.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeRadio,
  vsCodeRadioGroup,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerControls(): void {
  if (registered) {
    return;
  }
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeRadio(),
    vsCodeRadioGroup(),
    vsCodeTextField(),
  );
}

/** The value of a toolkit control (text field, dropdown, radio group). */
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
