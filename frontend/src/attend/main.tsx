import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AttendApp } from '@/attend/attend-app';
import '@/attend/attend.css';

const container = document.getElementById('root');
if (!container) throw new Error('attend.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <AttendApp />
  </StrictMode>,
);
