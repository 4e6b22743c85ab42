import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { pickMessages, ROOT_NAMESPACES } from "@/lib/i18n/client-messages";
import "./globals.css";

/**
 * Every page is rendered per request: the Content-Security-Policy nonce
 * (lib/server/security/security-headers.ts) is new each time, and a page
 * prerendered at build time would carry scripts without it.
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Ortaq",
  description: "Live prevention trainings",
  // public/manifest.webmanifest: a phone can add the join page to its home screen.
  manifest: "/manifest.webmanifest",
  // Listing icons here replaces the automatic link for app/icon.svg, so it is listed too.
  icons: {
    icon: [
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
    ],
    apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180", type: "image/png" }],
  },
  appleWebApp: { capable: true, title: "Ortaq" },
  // Keep every page out of search engines (public/robots.txt says the same).
  robots: { index: false },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0e7490",
};

/**
 * The root gives client components only the `common` messages; each area's
 * layout (app/join, app/s, app/console, app/org, app/login, app/setup; the
 * projector's page) gives its own, so a phone never downloads the console's texts.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider locale={locale} messages={pickMessages(messages, ROOT_NAMESPACES)}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
