// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Several builds side by side (parallel test runs) each get their own output folder.
  ...(process.env.NEXT_DIST_DIR ? { distDir: process.env.NEXT_DIST_DIR } : {}),
  poweredByHeader: false,
  // Native and Node-only modules stay outside the bundle; server.ts shares them with Next.
  serverExternalPackages: ["better-sqlite3", "bcryptjs", "@resvg/resvg-js", "pdfkit"],
  // Phones reach the dev server by LAN IP; without this Next 16 blocks dev assets for them.
  allowedDevOrigins: ["*.*.*.*"],
};

module.exports = withNextIntl(nextConfig);
