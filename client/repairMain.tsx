import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RepairMode } from './repair/RepairMode';

// The residents' repair page (/repair) is its own entry (repair.html): a phone never downloads the console.
const root = document.getElementById('root');
if (!root) throw new Error('repair.html has no #root');
createRoot(root).render(
  <StrictMode>
    <RepairMode />
  </StrictMode>,
);
