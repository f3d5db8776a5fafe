/**
 * Where a document's page lives while it is rendered (src/render), printed
 * (src/pdf) and previewed (src/preview): one small module that all three
 * import, so that render never imports pdf.
 */

/** The origin documents are served from; it never reaches a network. */
export const DOCUMENT_ORIGIN = 'https://pgo-kit.invalid';

/** Maps an asset URL of a document to a local file it may load, or undefined to refuse it. */
export type AssetResolver = (url: URL) => string | undefined;
