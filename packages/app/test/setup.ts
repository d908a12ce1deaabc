import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// UI Toolkit components put test ids on `data-test`; so do this app's components (src/selectors.ts).
configure({ testIdAttribute: 'data-test' });
