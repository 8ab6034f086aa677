/** A render failure the user can act on: printed without a stack, nothing is published. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}
