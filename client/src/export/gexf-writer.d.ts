/**
 * Types for graphology-gexf's writer module alone. Its browser entry also loads the parser,
 * which reads `DOMParser` when it loads (absent in Node tests and workers); the writer itself
 * is plain JavaScript over xml-writer, so the export imports just that module.
 */
declare module 'graphology-gexf/common/writer.js' {
  import type { write } from 'graphology-gexf/browser/index.js';
  const writeGexf: typeof write;
  export default writeGexf;
}
