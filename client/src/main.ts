/** Entry point of the browser client (see client/README.md). */
import { startApp } from './app.ts';
import { showToast } from './ui/toasts.ts';

window.addEventListener('unhandledrejection', (event) => {
  showToast(`Unexpected error: ${event.reason instanceof Error ? event.reason.message : String(event.reason)}`, 'error');
});

void startApp();
