import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createClient } from './api/createClient.js';
import { ClientContext } from './api/hooks.js';
import { isFinalError } from './api/lakeCallError.js';
import { ThemedProvider } from './features/theme/ThemedProvider.js';

const client = createClient();
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => !isFinalError(error) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** The app with its client, query cache and theme. */
function Root() {
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <ThemedProvider>
          <App />
        </ThemedProvider>
      </QueryClientProvider>
    </ClientContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
