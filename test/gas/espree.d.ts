// espree (ESLint's parser, installed with it) judges whether the bundle is ES2019.
declare module 'espree' {
  export function parse(code: string, options?: Record<string, unknown>): unknown;
}
