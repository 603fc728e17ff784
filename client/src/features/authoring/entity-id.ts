/** The id a new entity gets from its name: what seed files use (lower-case, digits, dashes). */

/** `United Kingdom` → `united-kingdom`, `Ren Zhengfei (任正非)` → `ren-zhengfei`, accents dropped. */
export function suggestEntityId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** Whether `id` is a well-formed entity id (the validator has the last word). */
export function isEntityId(id: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id);
}
