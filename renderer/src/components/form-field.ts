import type { ControllerRenderProps, FieldPath, FieldValues } from 'react-hook-form';

/**
 * A react-hook-form Controller's field as a MUI TextField takes it: its value and events, and its
 * ref on the input itself (so a Save with problems focuses the first field that has one).
 */
export function textFieldProps<V extends FieldValues, N extends FieldPath<V>>(field: ControllerRenderProps<V, N>) {
  return { name: field.name, value: field.value, onChange: field.onChange, onBlur: field.onBlur, inputRef: field.ref };
}
