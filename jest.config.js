// @ts-check
const transform = {
  "^.+\\.(t|j)sx?$": [
    "@swc/jest",
    {
      jsc: {
        parser: { syntax: "typescript", tsx: true },
        transform: { react: { runtime: "automatic" } },
        target: "es2022",
      },
      module: { type: "commonjs" },
    },
  ],
};
const moduleNameMapper = { "^@/(.*)$": "<rootDir>/$1" };
// next-intl and its helpers ship ESM only; let swc turn them into CommonJS for jest.
const transformIgnorePatterns = ["/node_modules/(?!(next-intl|use-intl|@formatjs|intl-messageformat|icu-minify)/)"];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
      transform,
      moduleNameMapper,
    },
    {
      displayName: "components",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/tests/components/**/*.test.tsx"],
      setupFilesAfterEnv: ["<rootDir>/tests/components/setup.ts"],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      transform,
      moduleNameMapper,
    },
  ],
};
