import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

const nextConfig: NextConfig = {
  // Workspace packages export TypeScript (with `.ts` in their relative imports): Next compiles them.
  transpilePackages: ['@switchboard/contracts', '@switchboard/metrics'],
  outputFileTracingRoot: repoRoot,
  turbopack: {
    root: repoRoot,
    rules: {
      // nhsuk-frontend's compiled CSS carries an IE hack Lightning CSS cannot parse: strip it, keep the rest.
      'nhsuk-frontend.min.css': {
        loaders: [resolve(fileURLToPath(new URL('.', import.meta.url)), 'loaders/strip-ie-css-hacks.cjs')],
        type: 'css',
      },
    },
  },
  // The dev server otherwise blocks HMR from 127.0.0.1 and the page never hydrates.
  allowedDevOrigins: ['127.0.0.1'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
