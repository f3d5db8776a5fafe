/**
 * What `restitution init` writes where the lab has to write: « À compléter … »,
 * or a lone « … ». Here in model because the schema lets such a text through
 * where a format is checked (an e-mail address): the file is then a draft
 * (src/core/draft.ts), not an invalid file.
 */
export function isPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  // At the start only: « un dossier à compléter par les familles » is a real sentence.
  return /^(?:…|\.\.\.)$/.test(trimmed) || /^[àa] compl[ée]ter(?![\p{L}])/iu.test(trimmed);
}
