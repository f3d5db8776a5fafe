/**
 * What `restitution init` writes where the lab has to write: « À compléter … »,
 * or a lone « … ». Here in model because the schema lets such a text through
 * where a format is checked (an e-mail address): the file is then a draft
 * (src/core/draft.ts), not an invalid file.
 */
export function isPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  return /^(?:…|\.\.\.)$/.test(trimmed) || /(?:^|[^\p{L}])[àaÀA] compl[ée]ter(?![\p{L}])/iu.test(trimmed);
}
