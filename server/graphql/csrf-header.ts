/** The header a browser must send; a cross-site form or <img> cannot. */
export const CSRF_HEADER = 'x-graphql-csrf';
