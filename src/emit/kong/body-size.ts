/** The request body size every Kong AI plugin that inspects bodies is given. */

/**
 * Kong's default for `max_request_body_size` rose from 8 KiB (3.10–3.12) to 1 MiB (3.13 on), so
 * an unset field means a different limit per version. Writing 1 MiB everywhere makes every version
 * behave as current Kong does; 8 KiB would refuse ordinary chat histories.
 */
export const MAX_REQUEST_BODY_SIZE = 1_048_576;
