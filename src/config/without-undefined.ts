/**
 * A copy without undefined-valued keys: optional settings that were not given, and keys an unset
 * `${VAR}` left absent. Consumers can then rely on `'key' in object` and on deep equality.
 */
export function withoutUndefined<Value extends object>(value: Value): Value {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Value;
}
