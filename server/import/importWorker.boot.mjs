// Entry of the import worker thread. A worker does not inherit the TypeScript loader of the thread
// that started it (tsx under `npm start`, vite-node under vitest), so it registers tsx itself.
import { tsImport } from 'tsx/esm/api';

await tsImport('./importWorker.ts', import.meta.url);
