/** Image references, split in one place. */

/** `sha256:...` from a digest or a full `image@sha256:...` reference. */
export function digestOf(value: string): string {
  const at = value.lastIndexOf('@');
  return at >= 0 ? value.slice(at + 1) : value;
}
