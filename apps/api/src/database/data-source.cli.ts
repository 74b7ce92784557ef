// Entry point of the TypeORM CLI (npm run db:migration:generate / db:migrate): same options as the API.
import { createDataSource } from './data-source';

const url = process.env['DATABASE_URL'];
if (!url) {
  throw new Error('Set DATABASE_URL to the owner connection of the database to migrate.');
}
export default createDataSource({ url, applicationName: 'coopera-cli' });
