/**
 * A PDF reading (pdfText, pdfPages, pageSizes… of tests/helpers/cli.ts: a poppler process each) made once per file
 * and kept, for a test file whose PDFs do not change once built (a shared kit, a kit built in beforeAll), so that
 * ten cases reading deroule.pdf start poppler once:
 *
 *   const pdfText = readOnce(readText);
 *
 * The value is shared between callers: do not change it in place (map or copy it first).
 */
export function readOnce<T>(read: (file: string) => T): (file: string) => T {
  const seen = new Map<string, T>();
  return (file) => {
    if (!seen.has(file)) seen.set(file, read(file));
    return seen.get(file) as T;
  };
}
