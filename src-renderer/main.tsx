import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createClient } from './api/createClient.js';
import { ClientContext } from './api/hooks.js';
import { isFinalError } from './api/lakeCallError.js';

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

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

function Root() {
  const [dark, setDark] = useState(darkQuery.matches);
  useEffect(() => {
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    darkQuery.addEventListener('change', onChange);
    return () => darkQuery.removeEventListener('change', onChange);
  }, []);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <ClientContext.Provider value={client}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </ClientContext.Provider>
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
