/**
 * The database role that serves requests. It owns nothing, is not superuser and has no
 * BYPASSRLS, so row-level security applies to it; migrations grant it exactly what it needs.
 */
export const APP_ROLE = 'coopera_app';
