/**
 * The function a CommonJS package exports. Its .d.ts says `export default`, so TypeScript (NodeNext)
 * types the default import as `{ default: fn }`; Node hands over `module.exports`, the function itself.
 */
export function commonJsDefault<T>(mod: { default: T }): T {
  return (mod as { default?: T }).default ?? (mod as unknown as T);
}
