/** Disclosure control: primary and secondary suppression with an LP audit (README.md). */
export * from './rules';
export * from './primary';
export * from './grid';
export * from './audit';
export * from './protect';
export * from './published';
