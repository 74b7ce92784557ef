export * from './lib/geography';
export * from './lib/pagination';
export * from './lib/comuni';
export * from './lib/problem';
export * from './lib/permissions';
export * from './lib/auth';
export * from './lib/users';
