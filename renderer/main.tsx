import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
// In this order: each file's rules build on, and may override, those of the files before it.
import './styles/frame.css';
import './styles/content.css';
import './styles/grid.css';
import './styles/app.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
