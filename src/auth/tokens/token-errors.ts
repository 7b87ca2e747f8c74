/**
 * Errors the token service raises. Their messages are safe to show to the caller:
 * they never say whether another user or another user's token exists.
 */
export class TokenPermissionError extends Error {
  constructor(message = 'You do not have permission to do this') {
    super(message);
    this.name = 'TokenPermissionError';
  }
}

export class TokenNotFoundError extends Error {
  constructor() {
    super('No such token');
    this.name = 'TokenNotFoundError';
  }
}

export class TokenValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenValidationError';
  }
}
