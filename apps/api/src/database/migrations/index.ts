import { Init1764134400000 } from './1764134400000-init';

/** Every migration in order, listed explicitly so that the bundled API needs no file globbing. */
export const MIGRATIONS = [Init1764134400000];
