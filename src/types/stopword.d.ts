// The stopword package ships no types; pgo-kit uses only its French list.
declare module 'stopword' {
  export const fra: string[];
}
