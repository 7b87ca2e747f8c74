import { TokenNotFoundError, TokenPermissionError, TokenValidationError } from '../../tokens/token-errors.js';
import { BadRequestError } from '../json-body.js';

/** Status and client-safe message for an error from the token service or the request body; null for a bug. */
export function httpStatusOf(error: unknown): { status: number; message: string; kind: string } | null {
  if (error instanceof BadRequestError) return { status: error.status, message: error.message, kind: 'InvalidRequest' };
  if (error instanceof TokenValidationError) return { status: 400, message: error.message, kind: 'InvalidTokenRequest' };
  if (error instanceof TokenPermissionError) return { status: 403, message: error.message, kind: 'Authorisation' };
  if (error instanceof TokenNotFoundError) return { status: 404, message: error.message, kind: 'TokenNotFound' };
  return null;
}

/** Token ids are short and plain; anything else (a path, `..`, encoded slashes) is refused before any lookup. */
export const TOKEN_ID = /^[A-Za-z0-9_-]{1,64}$/;
