/** Number formatting per language, significance stars, cell text and disclosure control. */
export * from './number';
export * from './stars';
export * from './cell';
export * from './disclosure';
