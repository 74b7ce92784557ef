import { Comune } from '../comuni/comune.entity';

/** Every entity, listed explicitly so that the bundled API needs no file globbing. */
export const ENTITIES = [Comune];
