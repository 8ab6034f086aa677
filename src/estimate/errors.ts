/**
 * A 2x2 estimation that cannot be carried out on this input (singular design, failed
 * propensity score, no comparison units). attgt turns it into an NA cell with a warning
 * naming the group and period; the standalone estimators let it propagate.
 */
export class DegenerateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DegenerateError';
  }
}

/** Thrown for options that make no sense (a user error, exit status 2 on the command line). */
export class EstimateOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
