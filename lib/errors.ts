// Errors that services throw and actions turn into an ActionResult. Anything else is unexpected:
// it is logged and the user sees a plain "something went wrong" with nothing they typed lost.

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** No signed-in user, or the session has ended. */
export class NotAuthenticatedError extends AppError {
  constructor(message = 'Your session has ended. Sign in again to continue.') {
    super(message);
  }
}

/** The signed-in user's roles or sites do not allow this. */
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do that.') {
    super(message);
  }
}

/** Bad input, reported against named fields (dotted paths, e.g. `wasteItems.0.ewcCodes.1`). */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = 'Some answers need correcting.',
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(message);
  }
}

/** Someone else changed the record first, or a uniqueness rule was broken. */
export class ConflictError extends AppError {}
