// For code that Node runs from TypeScript sources outside a bundler or jest's mapper (the TypeORM
// CLI, jest's global setup): resolve the workspace aliases (@coopera/domain …) of tsconfig.base.json.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { register } = require('tsconfig-paths');

const root = join(__dirname, '../..');
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
register({ baseUrl: root, paths: base.compilerOptions.paths });
