import { inject } from 'vitest';
import { resetEnvCache } from '../lib/env';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.PASSWORD_HASH_COST ??= '4'; // fast hashes in tests; production defaults to 12
resetEnvCache();
